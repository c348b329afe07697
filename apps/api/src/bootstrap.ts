import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { xsrfCookieMiddleware } from './auth/cookies';
import type { CoreOptions } from './core.module';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { bodyParsers } from './common/json-body';
import { AppConfig } from './config/app-config';
import { APP_VERSION } from './version';

/** Builds the HTTP application; main.ts and the tests share it, so tests run what production runs. */
export async function createApp(config: AppConfig, options: CoreOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    abortOnError: false,
    // Parsed below by bodyParsers(), which answers a malformed, oversized or too deeply nested body itself.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set(
    'trust proxy',
    config.trustProxy.split(',').map((s) => s.trim()),
  );
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Angular and Swagger UI need inline styles; scripts come only from this origin.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(cookieParser());
  app.use(xsrfCookieMiddleware);
  app.use(...bodyParsers(config.jsonBody));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new DomainExceptionFilter());
  const doc = new DocumentBuilder()
    .setTitle('TuneDesk API')
    .setDescription('智能客服知識庫調校平台 — the API behind the dashboard, the CLI and scripts')
    .setVersion(APP_VERSION)
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
  app.enableShutdownHooks();
  return app;
}
