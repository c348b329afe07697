import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './bootstrap';
import { loadConfigOrExit } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen(config.port);
  const jobs = config.redisUrl ? 'bullmq' : 'in-process';
  app
    .get(Logger)
    .log(`TuneDesk is serving http://localhost:${config.port} (${config.mode}, ${config.database.type}, jobs: ${jobs})`, 'Bootstrap');
}

main().catch((error: unknown) => {
  process.stderr.write(`TuneDesk failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
