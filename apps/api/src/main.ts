import 'reflect-metadata';
import { Logger, PinoLogger } from 'nestjs-pino';
import { symbols } from 'pino';
import { createApp } from './bootstrap';
import { loadConfigOrExit } from './config/app-config';
import { DemoSeedService } from './database/seed/demo-seed.service';
import { DEMO_SETTLE_MS, startBanner } from './start-banner';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen(config.port);
  const jobs = config.redisUrl ? 'bullmq' : 'in-process';
  app
    .get(Logger)
    .log(`TuneDesk is serving http://localhost:${config.port} (${config.mode}, ${config.database.type}, jobs: ${jobs})`, 'Bootstrap');
  // The demo's accounts and the address come last, once the demo's month is seeded, so no log line scrolls them away.
  const seed = app.get(DemoSeedService, { strict: false });
  await seed.settled(DEMO_SETTLE_MS);
  // The logger writes stdout asynchronously: give its last lines a moment, then send the banner through its stream, after them.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const logStream = (PinoLogger.root as unknown as Record<symbol, { write(text: string): unknown } | undefined>)?.[symbols.streamSym];
  (logStream ?? process.stdout).write(startBanner(config.port, seed.accountLines()));
}

main().catch((error: unknown) => {
  process.stderr.write(`TuneDesk failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
