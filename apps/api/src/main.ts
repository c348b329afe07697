import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './bootstrap';
import { loadConfigOrExit } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen(config.port);
  app
    .get(Logger)
    .log(
      { port: config.port, mode: config.mode, database: config.database.type, jobs: config.redisUrl ? 'bullmq' : 'in-process' },
      `TuneDesk is serving http://localhost:${config.port}`,
    );
}

main().catch((error: unknown) => {
  process.stderr.write(`TuneDesk failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
