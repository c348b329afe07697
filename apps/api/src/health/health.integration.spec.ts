import { INestApplication } from '@nestjs/common';
import type { HealthReport } from '@tunedesk/contracts';
import request from 'supertest';
import { DATABASE_KINDS, testConfig, TestDatabase } from '../../../../test/support/databases';
import { describeWithRedis, TEST_REDIS_URL } from '../../../../test/support/services';
import { createApp } from '../bootstrap';

async function withApp(db: TestDatabase, env: Record<string, string>, check: (app: INestApplication) => Promise<void>) {
  const app = await createApp(testConfig(db.config, env));
  await app.init();
  try {
    await check(app);
  } finally {
    await app.close();
  }
}

describe.each(DATABASE_KINDS)('GET /api/health on $kind', ({ kind, create }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => db?.drop());

  it('answers 200 with the database up and Redis not configured', async () => {
    await withApp(db, {}, async (app) => {
      const res = await request(app.getHttpServer()).get('/api/health').expect(200);
      const body = res.body as HealthReport;
      expect(body.status).toBe('ok');
      const database = body.components.find((c) => c.name === 'database');
      expect(database).toMatchObject({ state: 'up' });
      expect(database?.detail).toMatch(kind === 'sqlite' ? /^sqlite 3\./ : /^mysql .*MariaDB/);
      expect(body.components.find((c) => c.name === 'redis')).toMatchObject({ state: 'not-configured' });
      expect(body.components.find((c) => c.name === 'jobs')).toMatchObject({ state: 'up', detail: 'in-process' });
    });
  });

  it('answers 503 naming Redis when REDIS_URL points at a closed port', async () => {
    await withApp(db, { REDIS_URL: 'redis://127.0.0.1:1' }, async (app) => {
      const res = await request(app.getHttpServer()).get('/api/health').expect(503);
      const body = res.body as HealthReport;
      expect(body.status).toBe('error');
      expect(body.components.find((c) => c.name === 'redis')).toMatchObject({ state: 'down' });
      expect(body.components.find((c) => c.name === 'database')).toMatchObject({ state: 'up' });
    });
  });
});

describe('API conventions', () => {
  let db: TestDatabase;
  let app: INestApplication;
  beforeAll(async () => {
    db = (await DATABASE_KINDS[0].create()) as TestDatabase;
    app = await createApp(testConfig(db.config));
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers an unknown route with the error shape, in both languages, with a request id', async () => {
    const res = await request(app.getHttpServer()).get('/api/no-such-thing').set('X-Request-Id', 'req-123').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: { 'zh-TW': expect.any(String), en: 'Not found' },
      requestId: 'req-123',
    });
  });

  it('sends security headers (helmet)', async () => {
    const res = await request(app.getHttpServer()).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/units', '/api/jobs/self-test']));
  });

  it('asks for sign-in on a route that needs it, with the same error shape', async () => {
    const res = await request(app.getHttpServer()).get('/api/units').expect(401);
    expect(res.body).toMatchObject({
      statusCode: 401,
      code: 'NOT_AUTHENTICATED',
      message: { 'zh-TW': expect.any(String), en: expect.any(String) },
    });
  });
});

describeWithRedis()('GET /api/health with Redis', () => {
  it('answers 200 with Redis up and BullMQ as the job driver', async () => {
    const db = (await DATABASE_KINDS[0].create()) as TestDatabase;
    try {
      await withApp(db, { REDIS_URL: TEST_REDIS_URL as string }, async (app) => {
        const res = await request(app.getHttpServer()).get('/api/health').expect(200);
        expect((res.body as HealthReport).components).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ name: 'redis', state: 'up' }),
            expect.objectContaining({ name: 'jobs', detail: 'bullmq' }),
          ]),
        );
      });
    } finally {
      await db.drop();
    }
  });
});
