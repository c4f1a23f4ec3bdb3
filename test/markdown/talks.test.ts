// Issue 8: talks read from headings, table by table.
import { describe, expect, it } from 'vitest';
import { anchorTalks, extractTalks, isSpeakerName, parseTalkHeading, splitSpeakers } from '../../src/markdown/talks.js';

describe('parseTalkHeading', () => {
  it.each([
    // Speakers（Title） and Speakers(Title), full-width and half-width
    ['Jrome（Hello Container Ops）', ['Jrome'], 'Hello Container Ops'],
    ['喻勇&孙宏亮（container技术在cloudfoundry中的演化）', ['喻勇', '孙宏亮'], 'container技术在cloudfoundry中的演化'],
    ['刘永峰(Docker时代，公有云面临的挑战和机遇)', ['刘永峰'], 'Docker时代，公有云面临的挑战和机遇'],
    ['李闻（Matrix：基于container的大规模集群操作系统）', ['李闻'], 'Matrix：基于container的大规模集群操作系统'],
    ['蔡书(关于性能--Docker)', ['蔡书'], '关于性能--Docker'],
    ['李明宇（和而不同——OpenStack&Docker）', ['李明宇'], '和而不同——OpenStack&Docker'],
    ['Jane Doe (Scaling Postgres)', ['Jane Doe'], 'Scaling Postgres'],
    // Speakers: Title and Speakers：Title
    ['Jane Doe: Scaling Postgres', ['Jane Doe'], 'Scaling Postgres'],
    ['Amara Lind: WebAssembly Without the JavaScript Tax', ['Amara Lind'], 'WebAssembly Without the JavaScript Tax'],
    ['张三：微服务的演进', ['张三'], '微服务的演进'],
    ['张三: 《微服务的演进》', ['张三'], '微服务的演进'],
    ['Esther Kim: Accessible Components by Default', ['Esther Kim'], 'Accessible Components by Default'],
    // Speakers — Title
    ['Marco Bellini — Islands of Interactivity', ['Marco Bellini'], 'Islands of Interactivity'],
    ['李明宇——和而不同', ['李明宇'], '和而不同'],
    ['Ada Lovelace - Notes on the Engine', ['Ada Lovelace'], 'Notes on the Engine'],
    // Title by Speakers
    ['Testing by Example by Kent Beck', ['Kent Beck'], 'Testing by Example'],
    ['The Road to Rust 2018 by Aaron Turon and Niko Matsakis', ['Aaron Turon', 'Niko Matsakis'], 'The Road to Rust 2018'],
    ['Keynote: Rust 2018 by Aaron Turon', ['Aaron Turon'], 'Keynote: Rust 2018'],
    // 《Title》Speakers
    ['《Docker源码分析》孙宏亮', ['孙宏亮'], 'Docker源码分析'],
    ['《Kubernetes 设计哲学》—— Dawn Chen', ['Dawn Chen'], 'Kubernetes 设计哲学'],
    // every speaker separator
    ['喻勇＆孙宏亮（演化）', ['喻勇', '孙宏亮'], '演化'],
    ['喻勇、孙宏亮（演化）', ['喻勇', '孙宏亮'], '演化'],
    ['Alice, Bob (Pairing)', ['Alice', 'Bob'], 'Pairing'],
    ['喻勇，孙宏亮：演化', ['喻勇', '孙宏亮'], '演化'],
    ['Alice and Bob: Pairing', ['Alice', 'Bob'], 'Pairing'],
    ['喻勇和孙宏亮（演化）', ['喻勇', '孙宏亮'], '演化'],
    ['喻勇与孙宏亮（演化）', ['喻勇', '孙宏亮'], '演化'],
    ['Ludwig van Beethoven: Ode', ['Ludwig van Beethoven'], 'Ode'],
    ['迈克尔·乔丹（篮球）', ['迈克尔·乔丹'], '篮球'],
  ])('reads %j as a talk', (heading, speakers, title) => {
    expect(parseTalkHeading(heading)).toEqual({ speakers, title });
  });

  it.each([
    '0x01 前言',
    '0x05 技术分享－28日上午',
    '0x06 技术分享－28日下午',
    '0x10 附照及PPT视频链接',
    '总结',
    '第一天：主会场',
    '第一场：从虚拟机迁移到容器',
    '社区日：贡献者入门',
    '同期活动：多集群管理',
    'Keynote: the road to the 2018 edition',
    'Opening keynote: the web is not slow, our pages are',
    'Accessible Components by Default',
    'Graceful shutdown, done properly',
    'Async/await status update',
    'The schedule',
    'Day 2: Storage',
    'Q&A: everything else',
    '',
  ])('does not read %j as a talk', (heading) => {
    expect(parseTalkHeading(heading)).toBeUndefined();
  });
});

describe('splitSpeakers', () => {
  it('keeps a name containing 和 whole when the parts are not names', () => {
    expect(splitSpeakers('王和平')).toEqual(['王和平']);
  });

  it('splits mixed separators', () => {
    expect(splitSpeakers('Alice, Bob & Carol、张三')).toEqual(['Alice', 'Bob', 'Carol', '张三']);
  });
});

describe('isSpeakerName', () => {
  it.each([['Jrome', true], ['Dawn Chen', true], ['J. R. Tolkien', true], ['艾奇伟', true], ['김민수', true], ['Jrome', true], ['docker', false], ['Panel', false], ['前言', false], ['第二场', false], ['A B C D E', false]])('%s → %s', (name, expected) => {
    expect(isSpeakerName(name)).toBe(expected);
  });

  it('wants two words for a full name', () => {
    expect(isSpeakerName('Jrome', true)).toBe(false);
    expect(isSpeakerName('Kent Beck', true)).toBe(true);
  });
});

describe('extractTalks', () => {
  it('keeps talk headings with their ids, in order', () => {
    const headings = [
      { depth: 1, id: '0x01-前言', text: '0x01 前言' },
      { depth: 1, id: 'jromehello-container-ops', text: 'Jrome（Hello Container Ops）' },
      { depth: 2, id: '毛文波网络虚拟化与sdn实现docker连通', text: '毛文波（网络虚拟化与SDN实现Docker连通）' },
      { depth: 1, id: '总结', text: '总结' },
    ];
    expect(extractTalks(headings)).toEqual([
      { speakers: ['Jrome'], title: 'Hello Container Ops', anchor: 'jromehello-container-ops', slides: undefined, video: undefined },
      { speakers: ['毛文波'], title: '网络虚拟化与SDN实现Docker连通', anchor: '毛文波网络虚拟化与sdn实现docker连通', slides: undefined, video: undefined },
    ]);
  });
});

describe('anchorTalks', () => {
  it('links front-matter talks to the heading holding their title, else to none', () => {
    const headings = [
      { depth: 2, id: 'intro', text: 'Intro' },
      { depth: 2, id: 'scaling', text: 'Scaling Postgres, the hard way' },
    ];
    const talks = anchorTalks([
      { speakers: ['Jane Doe'], title: 'scaling postgres', slides: 'https://s.example/1', video: undefined },
      { speakers: ['Bob'], title: 'Not in the post', slides: undefined, video: undefined },
    ], headings);
    expect(talks.map((t) => t.anchor)).toEqual(['scaling', undefined]);
    expect(talks[0]?.slides).toBe('https://s.example/1');
  });
});
