import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LinkChecker } from './link-checker';
import { LinkCheckProcessor } from './link-check.processor';

/** A local server only: the link check is never pointed at an outside address in tests. */
describe('LinkChecker against a local HTTP server', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      switch (req.url) {
        case '/ok':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
          return;
        case '/moved':
          res.writeHead(301, { location: '/ok' }).end();
          return;
        case '/loop':
          res.writeHead(302, { location: '/loop' }).end();
          return;
        case '/no-head':
          if (req.method === 'HEAD') res.writeHead(405).end();
          else res.writeHead(200).end('x'.repeat(1_000_000));
          return;
        case '/slow':
          setTimeout(() => res.writeHead(200).end(), 2_000).unref();
          return;
        default:
          res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports a 200, a 404, a 301 → 200 with its final target, and a slow page past the time limit', async () => {
    const urls = [`${base}/ok`, `${base}/missing`, `${base}/moved`, `${base}/slow`];
    const results = await new LinkChecker().check(urls, { timeoutMs: 400, concurrency: 2 });
    expect(results.map((r) => r.url)).toEqual(urls);
    expect(results[0]).toMatchObject({ status: 200, redirectedTo: null, error: null });
    expect(results[1]).toMatchObject({ status: 404, redirectedTo: null, error: null });
    expect(results[2]).toMatchObject({ status: 200, redirectedTo: `${base}/ok`, error: null });
    expect(results[3]).toMatchObject({ status: null, error: 'no answer within 400 ms' });
    expect(results[3].ms).toBeGreaterThanOrEqual(350);
    expect(results[3].ms).toBeLessThan(1_500);
    for (const r of results.slice(0, 3)) expect(r.ms).toBeLessThan(1_000);
    // HEAD first: a server that answers HEAD is never asked for the page.
    expect(seen).toContain('HEAD /ok');
    expect(seen).not.toContain('GET /ok');
  });

  it('falls back to GET when HEAD is refused, without reading the body', async () => {
    const [r] = await new LinkChecker().check([`${base}/no-head`], { timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: 200, error: null });
    expect(seen).toEqual(expect.arrayContaining(['HEAD /no-head', 'GET /no-head']));
  });

  it('stops after five redirects, naming the last target', async () => {
    const [r] = await new LinkChecker().check([`${base}/loop`], { timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: 302, error: 'more than 5 redirects', redirectedTo: `${base}/loop` });
    expect(seen.filter((s) => s === 'HEAD /loop')).toHaveLength(6);
  });

  it('checks only http and https, without a request', async () => {
    const results = await new LinkChecker().check(['file:///etc/passwd', 'ftp://127.0.0.1/x', 'not a url']);
    expect(results.map((r) => r.error)).toEqual(Array(3).fill('only http and https addresses are checked'));
    expect(results.every((r) => r.status === null)).toBe(true);
  });

  it('the website.link-check job returns the results and their counts', async () => {
    const processor = new LinkCheckProcessor(new LinkChecker());
    const progress: number[] = [];
    const out = await processor.process(
      { urls: [`${base}/ok`, `${base}/missing`, `${base}/moved`], timeoutMs: 2_000 },
      { jobId: 'website.link-check.t', attempt: 1, progress: async (p) => void progress.push(p) },
    );
    expect(out).toMatchObject({ checked: 3, broken: 1, redirected: 1 });
    expect(out.results.map((r) => r.status)).toEqual([200, 404, 200]);
    expect(progress).toEqual([0, 100]);
  });
});
