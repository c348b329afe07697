import 'reflect-metadata';
import { Logger, PinoLogger } from 'nestjs-pino';
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
  // The logger writes asynchronously: let its lines out first, so the banner is really last.
  await new Promise<void>((resolve) => PinoLogger.root.flush(() => resolve()));
  process.stdout.write(startBanner(config.port, seed.accountLines()));
}

main().catch((error: unknown) => {
  process.stderr.write(`TuneDesk failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
