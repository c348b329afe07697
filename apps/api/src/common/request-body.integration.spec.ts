import { Logger } from '@nestjs/common';
import { Role, XSRF_COOKIE, XSRF_HEADER } from '@tunedesk/contracts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { sqliteDatabase, type TestDatabase } from '../../../../test/support/databases';
import { deeperThan } from './json-body';

/** `levels` of alternating objects and arrays, as JSON text (JSON.stringify itself overflows on 5,000). */
const nestedText = (levels: number): string => {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    open = i % 2 ? `${open}[` : `${open}{"a":`;
    close = i % 2 ? `]${close}` : `}${close}`;
  }
  return `${open}"leaf"${close}`;
};

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('deeperThan', () => {
  it('counts arrays and objects, not values, and does not recurse', () => {
    expect(deeperThan('text', 0)).toBe(false);
    expect(deeperThan({}, 0)).toBe(true);
    expect(deeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(deeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
    expect(deeperThan(nested(32), 32)).toBe(false);
    expect(deeperThan(nested(33), 32)).toBe(true);
    expect(deeperThan(nested(200_000), 32)).toBe(true);
  });
});

// With the built web app served (as in production), where a refused body used to answer 404.
describe('request bodies the API refuses', () => {
  let db: TestDatabase;
  let t: TestApp;
  let web: string;
  let warn: jest.SpyInstance;
  let contact: Client;
  let editor: Client;

  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'tunedesk-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>TuneDesk</title>');
    db = sqliteDatabase();
    t = await startTestApp(db, { WEB_DIST_DIR: web });
    await seedUnits(t);
    await makeUser(t, { account: 'body.contact', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'body.editor', unitCode: 'SVC', roles: [Role.ServiceSection] });
    contact = await signedIn(t, 'body.contact');
    editor = await signedIn(t, 'body.editor');
  }, 120_000);
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(() => warn.mockRestore());
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    rmSync(web, { recursive: true, force: true });
  });

  const raw = (path: string, body: string, as?: Client) => {
    let req = request(t.server()).post(path).set('Content-Type', 'application/json');
    if (as) {
      req = req.set('Cookie', [...as.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '));
      req = req.set(XSRF_HEADER, as.cookies.get(XSRF_COOKIE)!);
    }
    return req.send(body);
  };

  it('still serves the web app and answers an unknown API path 404', async () => {
    expect((await request(t.server()).get('/queue')).text).toContain('TuneDesk');
    expect((await request(t.server()).get('/api/no-such-thing')).status).toBe(404);
  });

  it('answers a malformed JSON body 400 MALFORMED_JSON and logs it without the body', async () => {
    const res = await raw('/api/auth/login', '{"account":"body.contact","password":"Secret-Not-Logged#1"');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: { 'zh-TW': '請求內容不是有效的 JSON', en: 'The request body is not valid JSON' },
    });
    const logged = warn.mock.calls.find(([entry]) => (entry as { code?: string })?.code === 'MALFORMED_JSON');
    expect(logged?.[0]).toMatchObject({ method: 'POST', path: '/api/auth/login', status: 400, reason: 'entity.parse.failed' });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('Secret-Not-Logged');
  });

  it('answers a body over the limit 413 PAYLOAD_TOO_LARGE and logs it', async () => {
    const res = await raw('/api/auth/login', JSON.stringify({ account: 'x', password: 'y'.repeat(101 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: { en: 'The request body is too large' } });
    const logged = warn.mock.calls.find(([entry]) => (entry as { code?: string })?.code === 'PAYLOAD_TOO_LARGE');
    expect(logged?.[0]).toMatchObject({ status: 413, reason: 'entity.too.large', limitKb: 100 });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('yyyyyyyy');
  });

  it('answers 5,000 levels of nesting 400 JSON_TOO_DEEP before validation, on any route', async () => {
    const res = await raw('/api/tuning/import-profiles', `{"name":"deep","aliases":${nestedText(5000)}}`, editor);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'JSON_TOO_DEEP', message: { en: 'The request body is nested too deeply' } });
    expect(warn.mock.calls.find(([entry]) => (entry as { code?: string })?.code === 'JSON_TOO_DEEP')?.[0]).toMatchObject({
      status: 400,
      maxDepth: 32,
    });
    // A bare array at the top is counted too.
    const top = await raw('/api/queue/bulk', nestedText(5001), contact);
    expect(top.status).toBe(400);
    expect(top.body.code).toBe('JSON_TOO_DEEP');
    // The profile still works with a normal body.
    const ok = await editor.post('/api/tuning/import-profiles', { name: 'shallow', aliases: { log: {} } });
    expect(ok.status).toBe(201);
  });

  it('refuses a list item that is not an object 400, naming the field', async () => {
    for (const items of [
      [null],
      [1],
      ['cluster'],
      [{ kind: 'cluster' }],
      [{ kind: 'other', id: 1 }],
      [{ kind: 'cluster', id: '1; drop' }],
    ]) {
      const res = await contact.post('/api/queue/bulk', { action: 'close', reason: 'other', items });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field?: string }) => d.field ?? '')).toEqual(
        expect.arrayContaining([expect.stringMatching(/^items/)]),
      );
    }
  });

  it('refuses a proposal whose source or content has the wrong shape 400, naming the field', async () => {
    const base = {
      cycleId: 1,
      kind: 'add',
      reason: 'r',
      content: { category: '房屋稅', question: 'q', answer: 'a', alternates: [], keywords: [], ownerUnitCode: 'HT' },
    };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, source: { kind: 'cluster' } }, /^source\.id/],
      [{ ...base, content: { ...base.content, alternates: [null] } }, /^content\.alternates/],
      [{ ...base, content: { ...base.content, keywords: 'one' } }, /^content\.keywords/],
      [{ ...base, content: { ...base.content, question: { $gt: '' } } }, /^content\.question/],
    ];
    for (const [body, field] of cases) {
      const res = await contact.post('/api/proposals/warnings', body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field?: string }) => d.field ?? '')).toEqual(
        expect.arrayContaining([expect.stringMatching(field)]),
      );
    }
  });
});
