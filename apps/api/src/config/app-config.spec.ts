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
