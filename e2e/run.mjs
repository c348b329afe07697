// npm run e2e: checks the build exists, then runs the whole-system suites with jest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = ['dist/apps/api/main.js', 'dist/apps/worker/main.js', 'dist/apps/cli/main.js', 'dist/apps/web/browser/index.html'];
const missing = needed.filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`e2e needs the build (npm run build); missing: ${missing.join(', ')}`);
  process.exit(1);
}
const result = spawnSync('npx', ['jest', '-c', 'e2e/jest.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
