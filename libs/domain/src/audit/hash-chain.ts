/**
 * Tamper evidence for the audit trail: each row's hash covers its own content
 * and the previous row's hash, so editing, deleting or reordering any row
 * breaks every link after it. The digest (SHA-256 in the api) is passed in to
 * keep this module free of I/O and platform APIs.
 */
export type Digest = (text: string) => string;

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(previousHash: string, content: unknown, digest: Digest): string {
  return digest(`${previousHash}\n${canonicalJson(content)}`);
}

export interface ChainedRow<C = unknown> {
  id: string | number;
  content: C;
  previousHash: string;
  hash: string;
}

export type ChainVerdict =
  { ok: true; checked: number } | { ok: false; checked: number; brokenAt: string | number; reason: 'content-changed' | 'link-broken' };

/**
 * Checks rows in chain order, starting from `startHash` (the genesis hash, or
 * the last hash before a purged range). Reports the first broken link.
 */
export function verifyChain(rows: Iterable<ChainedRow>, digest: Digest, startHash = GENESIS_HASH): ChainVerdict {
  let previous = startHash;
  let checked = 0;
  for (const row of rows) {
    if (row.previousHash !== previous) return { ok: false, checked, brokenAt: row.id, reason: 'link-broken' };
    if (chainHash(row.previousHash, row.content, digest) !== row.hash)
      return { ok: false, checked, brokenAt: row.id, reason: 'content-changed' };
    previous = row.hash;
    checked++;
  }
  return { ok: true, checked };
}
