// npm start: builds what is missing or stale, then serves the whole platform in one
// process (api + web + in-process jobs). The api migrates the database on start and,
// on an empty embedded database, seeds the demo organisation.
import { spawn } from 'node:child_process';
import { ensureBuilt } from './build-state.mjs';

ensureBuilt(['api', 'web']);
// The boot logs one JSON line per step; what a person needs comes last, after them.
process.stdout.write(
  'Starting TuneDesk… the address (and, on a first start, the demo accounts) is printed last, once it is ready.\n' +
    'TuneDesk 啟動中…完成後會在最後印出網址（首次啟動另印出示範帳號與初始密碼）。\n',
);
const child = spawn(process.execPath, ['dist/apps/api/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
