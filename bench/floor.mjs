// The reference floor: gray-matter + the bare unified pipeline (remark-parse, remark-gfm,
// remark-rehype, rehype-raw, rehype-stringify) over every post, single-threaded, no templates.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const dir = path.join(process.argv[2] ?? '.', 'posts');
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeStringify).freeze();
const started = performance.now();
let bytes = 0;
for (const name of (await readdir(dir)).sort()) {
  const { content } = matter(await readFile(path.join(dir, name), 'utf8'));
  bytes += String(processor.processSync(content)).length;
}
console.log(JSON.stringify({ ms: Math.round(performance.now() - started), htmlBytes: bytes }));
