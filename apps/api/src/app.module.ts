import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from './config/app-config';
import { CoreModule, CoreOptions } from './core.module';
import { SeedModule } from './database/seed/seed.module';
import { FEATURE_MODULES } from './features';
import { HomeModule } from './home/home.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    const webRoot = resolve(config.webDistDir);
    const serveWeb = existsSync(join(webRoot, 'index.html'));
    if (!serveWeb && config.env !== 'test')
      new Logger('Web').warn(`No built web app at ${webRoot}; run "npm run build:web" (the API still runs)`);
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, 'api', options),
        ...FEATURE_MODULES,
        HomeModule,
        SeedModule,
        // Single-process mode serves the Angular app; deep links fall back to index.html.
        ...(serveWeb ? [ServeStaticModule.forRoot({ rootPath: webRoot, exclude: ['/api/{*path}'] })] : []),
      ],
    };
  }
}
