// Decides what `npm start` and `npm run cli` must build first: a target is
// rebuilt when its output is missing or older than any of its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TARGETS = {
  api: { output: 'dist/apps/api/main.js', sources: ['apps/api/src', 'libs'], command: ['nest', 'build', 'api'] },
  cli: { output: 'dist/apps/cli/main.js', sources: ['apps/api/src', 'libs'], command: ['nest', 'build', 'cli'] },
  worker: {
    output: 'dist/apps/worker/main.js',
    sources: ['apps/worker/src', 'apps/api/src', 'libs'],
    command: ['nest', 'build', 'worker'],
  },
  web: {
    output: 'dist/apps/web/browser/index.html',
    sources: ['apps/web/src', 'apps/web/public', 'libs'],
    command: ['ng', 'build', 'web'],
  },
};

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.spec.ts')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function ensureBuilt(names) {
  for (const name of names) {
    const t = TARGETS[name];
    const built = existsSync(t.output) ? statSync(t.output).mtimeMs : 0;
    const changed = Math.max(...t.sources.map(newestMtime));
    if (built && built >= changed) continue;
    process.stderr.write(`Building ${name} (${built ? 'sources changed' : 'first run'})…\n`);
    const r = spawnSync('npx', t.command, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) {
      process.stderr.write(`Build of ${name} failed.\n`);
      process.exit(r.status ?? 1);
    }
  }
}
