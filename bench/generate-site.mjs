// Generates a deterministic synthetic site of N conference notes: both front-matter
// dialects, Chinese and English, headings, lists, images, code, tables, Zipf tags.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Mulberry32: a small deterministic PRNG. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? ['容器', '微服务', '数据库', '前端', '云原生', '安全', '运维', '架构', '测试', '性能'][i / 3 % 10] + (i >= 30 ? String(i) : '') : ['Docker', 'Kubernetes', 'Rust', 'Go', 'PostgreSQL', 'React', 'WebAssembly', 'gRPC', 'Kafka', 'Redis', 'Linux', 'Serverless', 'DevOps', 'TypeScript', 'Python', 'Java', 'Istio', 'Prometheus', 'Terraform', 'Node.js'][i % 20] + (i >= 40 ? `-${i}` : '')));
const CATEGORIES = ['CloudComputing', 'IT', 'Programming', 'Database', 'Frontend', '运维', '架构', 'Security', 'AI', 'Mobile', 'Data', '社区'];
const ZH = '容器技术的发展让基础设施架构发生了很大的变化，很多公司都在实践微服务和持续交付。讲师分享了在生产环境中遇到的问题以及解决方案，包括网络、存储、监控和安全。会后大家围绕性能调优和秒杀场景讨论了很久，收获颇丰。';
const EN = 'The speaker walked through how the team moved a large monolith to services, what broke along the way, and which metrics told them it was working. Questions from the audience focused on observability, rollout safety and the cost of running many small clusters.';
const SPEAKERS = ['张磊', '孙宏亮', '喻勇', '刘永峰', 'Dawn Chen', 'Jane Doe', '李明宇', 'Kelsey', '马全一', 'Sam Lee'];

function zipfPick(rand, items, s = 1.1) {
  const weights = items.map((_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) <= 0) return items[i];
  return items[items.length - 1];
}

function paragraph(rand, chinese) {
  const base = chinese ? ZH : EN;
  const start = Math.floor(rand() * (base.length / 3));
  const text = base.slice(start) + (chinese ? 'Kubernetes 和 docker 也被反复提到。' : ' 容器 and 微服务 came up too.');
  return text;
}

/** The text of post number `i` (about 8 KB). */
export function makePost(i, rand) {
  const chinese = rand() < 0.6;
  const year = 2010 + (i % 15);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const hour = Math.floor(rand() * 24);
  const pad = (n) => String(n).padStart(2, '0');
  const tags = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => zipfPick(rand, TAGS)))];
  const categories = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 2) }, () => zipfPick(rand, CATEGORIES, 0.8)))];
  const title = chinese ? `第${i}届容器技术大会笔记` : `Notes from DevConf ${i}`;
  const hexo = i % 2 === 0;
  const front = hexo
    ? `---\ntitle: ${title}\ndate: ${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(i % 60)}\nupdated: ${year}-${pad(month)}-${pad(day)} ${pad((hour + 1) % 24)}:00\ntags:\n${tags.map((t) => `  - ${t}`).join('\n')}\ncategories: ${categories[0]}\ntoc: ${rand() < 0.5}\n---\n`
    : `---\nauthor: admin\ncomments: true\ndate: ${year}-${pad(month)}-${pad(day)} ${pad(hour)}:00:00+00:00\nlayout: post\nslug: post-${i}\ntitle: ${title}\nwordpress_id: ${1000 + i}\ncategories:\n${categories.map((c) => `- ${c}`).join('\n')}\ntags:\n${tags.map((t) => `- ${t}`).join('\n')}\n---\n`;
  const parts = [front, paragraph(rand, chinese), '', '<!-- more -->', ''];
  let talk = 0;
  while (Buffer.byteLength(parts.join('\n')) < 7800) {
    const speaker = SPEAKERS[Math.floor(rand() * SPEAKERS.length)];
    parts.push(`## ${speaker}（${chinese ? '容器网络与存储' : 'Scaling the platform'} ${++talk}）`, '', paragraph(rand, chinese), '', paragraph(rand, chinese), '');
    const extra = rand();
    if (extra < 0.2) parts.push('```go', 'func main() {', '\tfmt.Println("hello, 容器")', '}', '```', '');
    else if (extra < 0.35) parts.push('| 时间 | Talk | Speaker |', '|---|---|---|', `| 09:00 | Keynote | ${speaker} |`, '| 10:00 | Break | — |', '');
    else if (extra < 0.5) parts.push(`![slide ${talk}](https://example.org/slides/${i}-${talk}.png)`, '');
    else if (extra < 0.7) parts.push('- 第一点：部署简单', '- Second: observability', '- 第三点：成本', '');
    else parts.push(`> ${paragraph(rand, chinese).slice(0, 80)}`, '');
  }
  return { name: `${year}-${pad(month)}-${pad(day)}-post-${i}.md`, text: parts.join('\n') };
}

/** Writes a site of `count` posts into `dir` (emptied first). */
export async function generateSite(dir, count, seed = 42) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'posts'), { recursive: true });
  await writeFile(path.join(dir, 'lanyard.yml'), 'title: Bench notes\nurl: https://bench.example.org\ntimezone: Asia/Shanghai\nlanguage: zh-CN\npaginate: 10\n');
  const rand = random(seed);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const { name, text } = makePost(i, rand);
    bytes += Buffer.byteLength(text);
    await writeFile(path.join(dir, 'posts', name), text);
  }
  return { posts: count, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'bench-site', count = '1000'] = process.argv.slice(2);
  const result = await generateSite(path.resolve(dir), Number(count));
  console.log(`${result.posts} posts, ${(result.bytes / result.posts / 1024).toFixed(1)} KB each on average → ${dir}`);
}
