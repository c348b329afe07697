import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.unref();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}

/** A temporary folder for one test's SQLite file, removed by cleanup(). */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tunedesk-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process ends by itself. */
  exited: Promise<Exit>;
  /** Sends the signal (default SIGTERM) and waits for the end. */
  stop: (signal?: NodeJS.Signals) => Promise<Exit>;
}

/** Starts a built entry point (dist/apps/…/main.js) with the given environment. */
export function startProcess(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<Exit>((res) => child.once('exit', (code, signal) => res({ code, signal })));
  return {
    child,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function startApi(env: Record<string, string>): Promise<RunningProcess & { url: string }> {
  const port = await freePort();
  const proc = startProcess('dist/apps/api/main.js', { PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`api exited early:\n${proc.output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200 || res.status === 503) {
        // With the demo seed, the accounts are printed last, once its month is seeded (issue 14).
        if (env['SEED_DEMO'] === 'true') await waitForOutput(proc, 'TuneDesk is serving at', 180_000);
        return { ...proc, url };
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await proc.stop();
      throw new Error(`api did not answer within 30 s:\n${proc.output()}`);
    }
    await sleep(200);
  }
}

/** Waits until the process has printed `text` (it fails when the process ends or time runs out first). */
async function waitForOutput(proc: RunningProcess, text: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!proc.output().includes(text)) {
    if (proc.child.exitCode !== null) throw new Error(`api exited before printing "${text}":\n${proc.output()}`);
    if (Date.now() > until) {
      await proc.stop();
      throw new Error(`api did not print "${text}" within ${timeoutMs / 1000} s:\n${proc.output()}`);
    }
    await sleep(200);
  }
}

/** Runs the built CLI to completion. */
export function runCli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/apps/cli/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function lastJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
