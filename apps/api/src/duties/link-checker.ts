import { Injectable } from '@nestjs/common';
import type { LinkCheckResult } from '@tunedesk/contracts';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';

export interface LinkCheckOptions {
  /** Time limit for one URL, redirects included (10 s). */
  timeoutMs?: number;
  /** URLs checked at once (4). */
  concurrency?: number;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Servers that refuse HEAD say so with these; the GET tells the truth. */
const HEAD_REFUSED = new Set([400, 403, 405, 406, 501]);

function httpUrl(text: string): URL | null {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * Checks the pages of the website inventory: HEAD, then GET when the server
 * refuses HEAD; follows up to five redirects and records the final target;
 * never reads a body (the connection is closed once the
 * headers are in); only http and https.
 */
@Injectable()
export class LinkChecker {
  async check(urls: readonly string[], options: LinkCheckOptions = {}): Promise<LinkCheckResult[]> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const concurrency = Math.max(1, options.concurrency ?? 4);
    const results: LinkCheckResult[] = new Array(urls.length);
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const i = next++;
        results[i] = await this.one(urls[i], timeoutMs);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
    return results;
  }

  private async one(url: string, timeoutMs: number): Promise<LinkCheckResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const first = httpUrl(url);
    if (!first) return { url, status: null, redirectedTo: null, ms: 0, error: 'only http and https addresses are checked' };
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let current = first;
    let status: number | null = null;
    try {
      for (let hop = 0; ; hop++) {
        let answer = await this.answer(current, 'HEAD', abort.signal);
        if (HEAD_REFUSED.has(answer.status)) answer = await this.answer(current, 'GET', abort.signal);
        status = answer.status;
        const location = REDIRECTS.has(status) ? answer.location : null;
        if (!location) break;
        if (hop === MAX_REDIRECTS)
          return { url, status, redirectedTo: current.href, ms: elapsed(), error: `more than ${MAX_REDIRECTS} redirects` };
        const target = httpUrl(new URL(location, current).href);
        if (!target) return { url, status, redirectedTo: location, ms: elapsed(), error: 'redirected to a non-http address' };
        current = target;
      }
      return { url, status, redirectedTo: current.href === first.href ? null : current.href, ms: elapsed(), error: null };
    } catch (error) {
      const timedOut = abort.signal.aborted;
      return {
        url,
        status: null,
        redirectedTo: current.href === first.href ? null : current.href,
        ms: elapsed(),
        error: timedOut ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /** One request: the status and Location as soon as the headers arrive; the body is never read (the socket is closed). */
  private answer(url: URL, method: 'HEAD' | 'GET', signal: AbortSignal): Promise<{ status: number; location: string | null }> {
    return new Promise((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method, signal, headers: { 'user-agent': 'TuneDesk link check', accept: '*/*' } }, (res: IncomingMessage) => {
        const location = typeof res.headers.location === 'string' ? res.headers.location : null;
        res.on('error', () => undefined);
        res.destroy();
        resolve({ status: res.statusCode ?? 0, location });
      });
      req.on('error', (e) => reject(signal.aborted ? new Error('timeout') : e));
      req.end();
    });
  }
}
