// npm start: builds what is missing or stale, then serves the whole platform in one
// process (api + web + in-process jobs). The api migrates the database on start and,
// on an empty embedded database, seeds the demo organisation.
import { spawn } from 'node:child_process';
import { ensureBuilt } from './build-state.mjs';

ensureBuilt(['api', 'web']);
const child = spawn(process.execPath, ['dist/apps/api/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
