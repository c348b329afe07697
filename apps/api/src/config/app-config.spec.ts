import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to embedded mode: SQLite under ./data, in-process jobs, demo seed on', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ type: 'sqlite', path: './data/tunedesk.sqlite' });
    expect(c).toMatchObject({ port: 3000, redisUrl: null, seedDemo: true, mode: 'embedded', workerEmbedded: true });
  });

  it('reads sqlite:<path> and mysql:// URLs; demo seed is off by default on MySQL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({ type: 'sqlite', path: '/tmp/x.sqlite' });
    const c = loadConfig({ DATABASE_URL: 'mysql://td:pw@db:3306/tunedesk', REDIS_URL: 'redis://cache:6379' });
    expect(c.database).toEqual({ type: 'mysql', url: 'mysql://td:pw@db:3306/tunedesk' });
    expect(c).toMatchObject({ seedDemo: false, mode: 'production', workerEmbedded: false, redisUrl: 'redis://cache:6379' });
  });

  it.each([
    ['DATABASE_URL', 'postgres://localhost/x'],
    ['DATABASE_URL', 'mysql://host-without-db'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['REDIS_URL', 'localhost:6379'],
    ['SEED_DEMO', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on %s=%p and names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      expect((error as ConfigError).variables).toEqual([name]);
      expect((error as ConfigError).message).toContain(`${name}=`);
    }
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '0', DATABASE_URL: 'oracle:x' })).toThrow(/PORT=.*\n.*DATABASE_URL=|DATABASE_URL=.*\n.*PORT=/s);
  });
});

describe('website review settings', () => {
  it('defaults to the 10th, rolled over to the next workday, and two years of retention', () => {
    expect(loadConfig({}).website).toEqual({ reviewDueDay: 10, rollOver: true, retentionDays: 731 });
  });

  it('reads the due day, the roll-over switch and the retention', () => {
    const c = loadConfig({ WEBSITE_REVIEW_DUE_DAY: '8', WEBSITE_REVIEW_ROLL_OVER: 'false', WEBSITE_RETENTION_DAYS: '400' });
    expect(c.website).toEqual({ reviewDueDay: 8, rollOver: false, retentionDays: 400 });
  });

  it.each([
    ['WEBSITE_RETENTION_DAYS', '364'],
    ['WEBSITE_RETENTION_DAYS', 'two years'],
    ['WEBSITE_REVIEW_DUE_DAY', '31'],
    ['WEBSITE_REVIEW_ROLL_OVER', 'sometimes'],
  ])('stops on %s=%p and names the variable', (name, value) => {
    let caught: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variables).toEqual([name]);
  });
});
