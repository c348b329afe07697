// npm run bench:<name>: runs bench/<name>.bench.ts with ts-node (transpile only), prints a table.
import { spawnSync } from 'node:child_process';

const name = process.argv[2];
if (!name) {
  console.error('usage: node bench/run.mjs <calendar|import|search>');
  process.exit(2);
}
// `npm run bench:import -- --rows N` is the whole monthly import on MariaDB; without --rows, the table reader.
const file = name === 'import' && process.argv.includes('--rows') ? 'ingest' : name;
const r = spawnSync(
  process.execPath,
  [
    '--max-old-space-size=2048',
    '-r',
    'ts-node/register/transpile-only',
    '-r',
    'tsconfig-paths/register',
    `bench/${file}.bench.ts`,
    ...process.argv.slice(3),
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
  },
);
process.exit(r.status ?? 1);
