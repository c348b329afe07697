/**
 * Near-duplicate grouping of short texts: MinHash signatures over character
 * shingles, locality-sensitive hashing (banding) for candidate pairs, exact
 * Jaccard similarity to verify each candidate, union-find to form groups.
 * Deterministic: the same texts in any order give the same groups.
 */

/** FNV-1a, 32-bit: a fast, stable string hash (no platform crypto needed). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Character bigrams of a compact text (no spaces); a one-character text is its own shingle. */
export function shingles(compact: string): Set<string> {
  const chars = [...compact];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]);
  for (let i = 0; i + 2 <= chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

const PRIME = 4294967311; // > 2^32

/** Fixed hash-function parameters: a seeded linear congruential sequence, so signatures never change between runs. */
function parameters(count: number): { a: number[]; b: number[] } {
  let seed = 0x2545f491;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < count; i++) {
    a.push((next() % (PRIME - 1)) + 1);
    b.push(next() % PRIME);
  }
  return { a, b };
}

export interface MinHashOptions {
  /** Jaccard similarity of bigram sets at which two texts are the same question. */
  threshold: number;
  bands: number;
  rows: number;
}

export const DEFAULT_MINHASH: MinHashOptions = { threshold: 0.5, bands: 20, rows: 3 };

/** Buckets larger than this are checked in linear time. */
const LARGE_BUCKET = 64;

/**
 * A text's bigram shingles as sorted, distinct 32-bit hashes: a tenth of the memory of a Set of strings,
 * which matters for a month of a million messages.
 */
function shingleHashes(compact: string): Uint32Array {
  const set = shingles(compact);
  const out = new Uint32Array(set.size);
  let i = 0;
  for (const s of set) out[i++] = fnv1a(s);
  out.sort();
  // Distinct (two bigrams hashing alike is a 1-in-4-billion event; counting them once is harmless).
  let w = 0;
  for (let r = 0; r < out.length; r++) if (r === 0 || out[r] !== out[r - 1]) out[w++] = out[r];
  return out.subarray(0, w);
}

/** Jaccard similarity of two sorted hash sets. */
function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

function signature(hashes: Uint32Array, a: number[], b: number[], into: Uint32Array): void {
  into.fill(0xffffffff);
  for (const x of hashes) {
    for (let i = 0; i < a.length; i++) {
      const v = ((((a[i] * (x >>> 16)) % PRIME) * 65536 + a[i] * (x & 0xffff) + b[i]) % PRIME) >>> 0;
      if (v < into[i]) into[i] = v;
    }
  }
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(x: number, y: number): void {
    const [a, b] = [this.find(x), this.find(y)];
    // The smaller index is the root: groups do not depend on the order pairs are found.
    if (a !== b) this.parent[Math.max(a, b)] = Math.min(a, b);
  }
}

/**
 * Groups `texts` (already normalised and compact) into near-duplicate groups.
 * Returns groups of indices into `texts`, each sorted, groups ordered by their first index.
 * `extraPairs` lets a caller join texts it knows to be the same question by other evidence.
 */
export function groupNearDuplicates(
  texts: readonly string[],
  options: MinHashOptions = DEFAULT_MINHASH,
  extraPairs: Iterable<[number, number]> = [],
): number[][] {
  const n = texts.length;
  const sets = texts.map(shingleHashes);
  const { a, b } = parameters(options.bands * options.rows);
  const uf = new UnionFind(n);
  const exact = new Map<string, number>();
  texts.forEach((t, i) => {
    const first = exact.get(t);
    if (first === undefined) exact.set(t, i);
    else uf.union(first, i);
  });
  // All signatures in one typed array: n × (bands × rows) 32-bit values.
  const width = options.bands * options.rows;
  const sigs = new Uint32Array(n * width);
  for (let i = 0; i < n; i++) signature(sets[i], a, b, sigs.subarray(i * width, (i + 1) * width));
  const checked = new Set<number>();
  for (let band = 0; band < options.bands; band++) {
    // A band's rows folded to one number; two different bands that fold alike only add a candidate, which Jaccard then checks.
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (sets[i].length === 0) continue;
      let key = 0x811c9dc5;
      for (let r = 0; r < options.rows; r++) key = Math.imul(key ^ sigs[i * width + band * options.rows + r], 0x01000193) >>> 0;
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = []));
      bucket.push(i);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length > LARGE_BUCKET) {
        for (let x = 1; x < bucket.length; x++) {
          for (const other of [bucket[0], bucket[x - 1]]) {
            const i = bucket[x];
            if (uf.find(i) !== uf.find(other) && jaccardSorted(sets[i], sets[other]) >= options.threshold) uf.union(i, other);
          }
        }
        continue;
      }
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const [i, j] = [bucket[x], bucket[y]];
          const pairKey = i * n + j;
          if (checked.has(pairKey)) continue;
          checked.add(pairKey);
          if (uf.find(i) !== uf.find(j) && jaccardSorted(sets[i], sets[j]) >= options.threshold) uf.union(i, j);
        }
      }
    }
  }
  for (const [i, j] of extraPairs) uf.union(i, j);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(i);
  }
  return [...groups.values()].sort((x, y) => x[0] - y[0]);
}
