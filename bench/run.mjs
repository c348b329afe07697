// npm run bench:<name>: runs bench/<name>.bench.ts with ts-node (transpile only), prints a table.
import { spawnSync } from 'node:child_process';

const name = process.argv[2];
if (!name) {
  console.error('usage: node bench/run.mjs <calendar|import|search>');
  process.exit(2);
}
const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', `bench/${name}.bench.ts`], {
  stdio: 'inherit',
  env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
});
process.exit(r.status ?? 1);
