import type { INestApplication } from '@nestjs/common';
import { Role, XSRF_COOKIE, XSRF_HEADER } from '@tunedesk/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { systemActor } from '../../apps/api/src/common/actor';
import { ManualClock } from '../../apps/api/src/common/clock';
import { Transactions } from '../../apps/api/src/database/transactions';
import { PasswordService } from '../../apps/api/src/auth/password.service';
import { OrgService } from '../../apps/api/src/org/org.service';
import { UsersService } from '../../apps/api/src/org/users.service';
import { testConfig, type TestDatabase } from './databases';

export const SECTIONS_CSV = readFileSync(join(__dirname, '../fixtures/org/ok/sections.csv'));

/** A password that passes every rule; tests give each user a known one. */
export const GOOD_PASSWORD = 'Taoyuan-Tax#2026';

export interface TestApp {
  app: INestApplication;
  clock: ManualClock;
  server: () => ReturnType<INestApplication['getHttpServer']>;
  close(): Promise<void>;
}

/** The real application (every module, the real guard) on a test database, with a hand-moved clock. */
export async function startTestApp(db: TestDatabase, env: Record<string, string> = {}, clock = new ManualClock()): Promise<TestApp> {
  const app = await createApp(testConfig(db.config, env), { clock });
  await app.init();
  return { app, clock, server: () => app.getHttpServer(), close: () => app.close() };
}

export async function seedUnits(t: TestApp): Promise<void> {
  await t.app.get(OrgService).importUnits(SECTIONS_CSV, 'sections.csv');
}

/** A user with a known password that need not be changed (unless `initial`). */
export async function makeUser(
  t: TestApp,
  user: { account: string; unitCode: string; roles: Role[]; password?: string; initial?: boolean; displayName?: string; email?: string },
): Promise<{ id: number; account: string; password: string }> {
  const created = await t.app.get(UsersService).create(systemActor('test'), {
    account: user.account,
    displayName: user.displayName ?? user.account,
    unitCode: user.unitCode,
    roles: user.roles,
    ...(user.email ? { email: user.email } : {}),
  });
  if (user.initial) return { id: created.user.id, account: created.account, password: created.initialPassword };
  const password = user.password ?? GOOD_PASSWORD;
  await t.app.get(Transactions).run((m) => t.app.get(PasswordService).set(created.user.id, password, null, m));
  return { id: created.user.id, account: created.account, password };
}

/**
 * A browser-like HTTP client: keeps cookies, and sends the XSRF-TOKEN cookie
 * back as the X-XSRF-TOKEN header on every request, as Angular's HttpClient does.
 */
export class Client {
  readonly cookies = new Map<string, string>();
  sendXsrf = true;

  constructor(private readonly t: TestApp) {}

  private absorb(res: Response): void {
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of set ?? []) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = decodeURIComponent(pair.slice(eq + 1).trim());
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async send(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown): Promise<Response> {
    if (method !== 'get' && !this.cookies.has(XSRF_COOKIE)) await this.send('get', '/api/auth/csrf');
    let req = request(this.t.server())[method](path);
    if (this.cookies.size) req = req.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '));
    if (this.sendXsrf && this.cookies.has(XSRF_COOKIE)) req = req.set(XSRF_HEADER, this.cookies.get(XSRF_COOKIE)!);
    const res = body === undefined ? await req : await req.send(body as object);
    this.absorb(res);
    return res;
  }

  /** A multipart upload, as the browser's FormData sends it. */
  async upload(path: string, field: string, content: Buffer, fileName: string, fields: Record<string, string> = {}): Promise<Response> {
    if (!this.cookies.has(XSRF_COOKIE)) await this.send('get', '/api/auth/csrf');
    let req = request(this.t.server())
      .post(path)
      .set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '))
      .set(XSRF_HEADER, this.cookies.get(XSRF_COOKIE)!);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    const res = await req.attach(field, content, fileName);
    this.absorb(res);
    return res;
  }

  get(path: string) {
    return this.send('get', path);
  }
  /** A GET whose body is a file: `body` is its bytes whatever the content type. */
  async download(path: string): Promise<Response> {
    let req = request(this.t.server())
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (this.cookies.size) req = req.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '));
    const res = await req;
    this.absorb(res);
    return res;
  }
  post(path: string, body: unknown = {}) {
    return this.send('post', path, body);
  }
  put(path: string, body: unknown) {
    return this.send('put', path, body);
  }
  patch(path: string, body: unknown) {
    return this.send('patch', path, body);
  }
  delete(path: string) {
    return this.send('delete', path);
  }

  login(account: string, password: string) {
    return this.post('/api/auth/login', { account, password });
  }
}

export async function signedIn(t: TestApp, account: string, password = GOOD_PASSWORD): Promise<Client> {
  const c = new Client(t);
  const res = await c.login(account, password);
  if (res.status !== 200) throw new Error(`login ${account} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return c;
}
