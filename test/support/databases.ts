import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { mysqlConfigured, TEST_MYSQL_URL } from './services';

export interface TestDatabase {
  kind: 'sqlite' | 'mariadb';
  config: AppConfig['database'];
  /** Drops the database (MariaDB) or deletes the file (SQLite). */
  drop(): Promise<void>;
}

/** A fresh SQLite file in a temporary folder. */
export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'tunedesk-test-'));
  return {
    kind: 'sqlite',
    config: { type: 'sqlite', path: join(dir, 'test.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A fresh MariaDB database per suite, named after TEST_MYSQL_URL's database
 * with a random suffix, so suites running in parallel never share tables.
 */
export async function mariadbDatabase(): Promise<TestDatabase> {
  if (!TEST_MYSQL_URL) throw new Error('TEST_MYSQL_URL is not set');
  const url = new URL(TEST_MYSQL_URL);
  const name = `${url.pathname.slice(1) || 'tunedesk_test'}_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(url);
  adminUrl.pathname = '/';
  const admin = async (sql: string) => {
    const ds = new DataSource({ type: 'mysql', url: adminUrl.toString() });
    await ds.initialize();
    try {
      await ds.query(sql);
    } finally {
      await ds.destroy();
    }
  };
  await admin(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${name}`;
  return {
    kind: 'mariadb',
    config: { type: 'mysql', url: url.toString() },
    drop: () => admin(`DROP DATABASE IF EXISTS \`${name}\``),
  };
}

/** The databases every storage test runs on: SQLite always, MariaDB when configured. */
export const DATABASE_KINDS: { kind: TestDatabase['kind']; create: () => Promise<TestDatabase> }[] = [
  { kind: 'sqlite', create: async () => sqliteDatabase() },
  ...(mysqlConfigured() ? [{ kind: 'mariadb' as const, create: mariadbDatabase }] : []),
];

/** Configuration for a test app on the given database: no demo seed, in-process jobs unless overridden. */
export function testConfig(database: AppConfig['database'], env: Record<string, string> = {}): AppConfig {
  return { ...loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent', ...env }), database };
}
