import type { INestApplication } from '@nestjs/common';
import { createConnection } from 'mysql2/promise';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app-config';

export const BENCH_MYSQL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/tunedesk_bench';

/** An empty database of that name on the bench server (dropped first); its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const url = new URL(BENCH_MYSQL);
  url.pathname = '/';
  const conn = await createConnection(url.toString());
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  url.pathname = `/${name}`;
  return url.toString();
}

/** The whole application (migrated, quiet, no demo) on a fresh bench database. */
export async function benchApp(database: string, filesDir: string): Promise<INestApplication> {
  const url = await freshDatabase(database);
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      WEB_DIST_DIR: '/nonexistent',
      FILES_DIR: join(filesDir, 'files'),
    }),
    database: { type: 'mysql' as const, url },
  };
  const app = await createApp(config);
  await app.init();
  return app;
}
