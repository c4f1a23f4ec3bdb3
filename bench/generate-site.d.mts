/** Writes a deterministic synthetic site of `count` posts into `dir` (emptied first). */
export function generateSite(dir: string, count: number, seed?: number): Promise<{ posts: number; bytes: number }>;
/** The text of synthetic post number `i`. */
export function makePost(i: number, rand: () => number): { name: string; text: string };
/** A small deterministic PRNG. */
export function random(seed: number): () => number;
