import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfigOrExit } from '../../api/src/config/app-config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit((c) => {
    if (!c.redisUrl) {
      throw new ConfigError(
        ['REDIS_URL'],
        'REDIS_URL is required: the worker takes its jobs from Redis (without Redis the api runs jobs itself).',
      );
    }
  });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close the context: the BullMQ worker finishes its current job first.
  app.enableShutdownHooks();
  app
    .get(Logger)
    .log(`TuneDesk worker is processing jobs (concurrency ${config.jobConcurrency}, prefix ${config.queuePrefix})`, 'Bootstrap');
}

main().catch((error: unknown) => {
  process.stderr.write(`TuneDesk worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
