import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, chainHash, ChainedRow, GENESIS_HASH, verifyChain } from './hash-chain';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function buildChain(contents: unknown[]): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let previous = GENESIS_HASH;
  contents.forEach((content, i) => {
    const hash = chainHash(previous, content, sha256);
    rows.push({ id: i + 1, content, previousHash: previous, hash });
    previous = hash;
  });
  return rows;
}

const entries = [
  { action: 'login', actor: 'chen.wei', at: '2026-11-29T01:00:00Z' },
  { action: 'unit.update', actor: 'admin', target: 'LEG', before: { name: '法務科' }, after: { name: '法務行政科' } },
  { action: 'logout', actor: 'chen.wei' },
];

describe('audit hash chain', () => {
  it('canonical JSON ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('verifies an untouched chain', () => {
    expect(verifyChain(buildChain(entries), sha256)).toEqual({ ok: true, checked: 3 });
  });

  it('finds a hand-edited row and names it', () => {
    const rows = buildChain(entries);
    rows[1] = { ...rows[1], content: { ...(rows[1].content as object), after: { name: '秘書室' } } };
    expect(verifyChain(rows, sha256)).toEqual({ ok: false, checked: 1, brokenAt: 2, reason: 'content-changed' });
  });

  it('finds a deleted row at the link after it', () => {
    const rows = buildChain(entries);
    rows.splice(1, 1);
    expect(verifyChain(rows, sha256)).toEqual({ ok: false, checked: 1, brokenAt: 3, reason: 'link-broken' });
  });

  it('continues from the last hash before a purged range', () => {
    const rows = buildChain(entries);
    expect(verifyChain(rows.slice(2), sha256, rows[1].hash)).toEqual({ ok: true, checked: 1 });
    expect(verifyChain(rows.slice(2), sha256)).toMatchObject({ ok: false, reason: 'link-broken' });
  });

  it('detects any single change to any row of any chain', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), fc.string()), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.string(),
        (contents, pick, extra) => {
          const rows = buildChain(contents);
          const i = pick % rows.length;
          const changed = { ...(rows[i].content as Record<string, string>), ['\u0000tamper']: extra };
          rows[i] = { ...rows[i], content: changed };
          expect(verifyChain(rows, sha256)).toMatchObject({ ok: false, brokenAt: i + 1 });
        },
      ),
    );
  });
});
