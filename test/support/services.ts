/**
 * Which real services the tests may use. SQLite is always there. MariaDB and
 * Redis are used when TEST_MYSQL_URL / TEST_REDIS_URL are set; with
 * REQUIRE_SERVICES=1 (always in CI) a missing one fails the run instead of
 * skipping its suites.
 */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;
const REQUIRED = process.env.REQUIRE_SERVICES === '1';

function gate(name: string, value: string | undefined): jest.Describe {
  if (value) return describe;
  if (REQUIRED) throw new Error(`REQUIRE_SERVICES=1 but ${name} is not set: the suites that need it cannot run.`);
  process.stderr.write(`[skipped] ${name} not set: suites that need it are skipped\n`);
  return describe.skip;
}

/** True when MariaDB tests should run; throws under REQUIRE_SERVICES=1 when it is not configured. */
export function mysqlConfigured(): boolean {
  if (TEST_MYSQL_URL) return true;
  if (REQUIRED) throw new Error('REQUIRE_SERVICES=1 but TEST_MYSQL_URL is not set: the MariaDB suites cannot run.');
  process.stderr.write('[skipped] TEST_MYSQL_URL not set: storage suites run on SQLite only\n');
  return false;
}

export const describeWithMysql = (): jest.Describe => gate('TEST_MYSQL_URL', TEST_MYSQL_URL);
export const describeWithRedis = (): jest.Describe => gate('TEST_REDIS_URL', TEST_REDIS_URL);
