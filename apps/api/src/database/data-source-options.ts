import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * One set of entities and migrations for both databases. `synchronize` is
 * never on: the schema changes only through migrations.
 */
export function dataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: database.url,
      charset: 'utf8mb4_unicode_ci',
      // Instants are stored in UTC; the interface shows them in Asia/Taipei.
      timezone: 'Z',
      supportBigNumbers: true,
      connectTimeout: 5000,
    };
  }
  const path = resolve(database.path);
  mkdirSync(dirname(path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: path,
    enableWAL: true,
    // Several processes (api, cli) may open the file; wait for a writer instead of failing.
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
