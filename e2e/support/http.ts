import { readFileSync } from 'node:fs';

/**
 * A fetch-based client for a running api process that behaves like the web
 * app: keeps cookies and repeats XSRF-TOKEN as X-XSRF-TOKEN on every request.
 */
export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  private absorb(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN')) await this.request('GET', '/api/auth/csrf');
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    const res = await fetch(`${this.base}${path}`, init).catch((error: unknown) => {
      // fetch reuses an idle keep-alive socket; when the server's keep-alive timeout closes it at that
      // very moment, the request never reached the server: send it once more on a fresh connection.
      if (closedIdleSocket(error)) return fetch(`${this.base}${path}`, init);
      throw error;
    });
    this.absorb(res);
    return res;
  }

  /** A multipart upload of a file from disk, field `file`. */
  async upload(path: string, filePath: string, fileName: string, fields: Record<string, string> = {}): Promise<Response> {
    if (!this.cookies.has('XSRF-TOKEN')) await this.request('GET', '/api/auth/csrf');
    const form = new FormData();
    form.append('file', new Blob([readFileSync(filePath)]), fileName);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-xsrf-token': decodeURIComponent(this.cookies.get('XSRF-TOKEN')!),
      },
      body: form,
    });
    this.absorb(res);
    return res;
  }

  /** Signs in; with `newPassword`, also makes the forced first change. */
  async login(account: string, password: string, newPassword?: string): Promise<void> {
    const res = await this.request('POST', '/api/auth/login', { account, password });
    if (res.status !== 200) throw new Error(`login ${account}: HTTP ${res.status} ${await res.text()}`);
    if (newPassword) {
      const changed = await this.request('POST', '/api/auth/password', { currentPassword: password, newPassword });
      if (changed.status !== 200) throw new Error(`password change: HTTP ${changed.status} ${await changed.text()}`);
    }
  }
}

/** undici's error for a pooled connection the server had already closed. */
function closedIdleSocket(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code === 'UND_ERR_SOCKET' && /other side closed/.test(cause.message ?? '');
}
