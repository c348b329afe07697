import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { Transactions } from './transactions';

@Global()
@Module({})
export class DatabaseModule {
  /** The api and worker migrate on start; the CLI's db:migrate runs them itself to report what ran. */
  static forRoot(options: { runMigrations: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.database),
            migrationsRun: options.runMigrations,
            retryAttempts: 3,
            retryDelay: 2000,
          }),
        }),
      ],
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
