import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { Clock, SystemClock } from './common/clock';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JobsModule } from './jobs/jobs.module';

export type ProcessRole = 'api' | 'worker' | 'cli';

/** The one clock of the process (a ManualClock in tests). */
@Global()
@Module({})
class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}

export interface CoreOptions {
  clock?: Clock;
}

/** What every process has: validated configuration, logging, the database and the job queue. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, role: ProcessRole, options: CoreOptions = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock ?? new SystemClock()),
        LoggerModule.forRoot({
          // Express 5 path syntax; the library's default ('*') draws a deprecation warning at every start.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: role === 'cli' ? (config.logLevel === 'info' ? 'warn' : config.logLevel) : config.logLevel,
            base: { app: `tunedesk-${role}` },
            // The CLI keeps stdout for its own output (--json); logs go to stderr.
            ...(role === 'cli' ? { stream: process.stderr } : {}),
            genReqId: (req: IncomingMessage) => {
              const given = req.headers['x-request-id'];
              return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
            },
            // Never log credentials or session material.
            redact: {
              paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-xsrf-token"]', 'res.headers["set-cookie"]'],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
          },
        }),
        DatabaseModule.forRoot({ runMigrations: role !== 'cli' }),
        JobsModule.forRoot({ role }),
      ],
      exports: [ConfigModule, LoggerModule],
    };
  }
}
