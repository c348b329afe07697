import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { loadConfigOrExit } from '../config/app-config';
import { CliModule } from './cli.module';

/** `npm run cli -- <command>`: operations staff and scripts; same DATABASE_URL as the server. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(undefined, 2);
  await CommandFactory.run(CliModule.forRoot(config), {
    logger: ['error', 'warn'],
    errorHandler: (error) => {
      // Unknown command or bad option: commander has printed the reason.
      process.exitCode = error && 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode || 0 : 1;
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
