import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const v = String(value).trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value; // left as text so IsBoolean names the variable
};
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^\d+$/.test(String(value)) ? Number(value) : value;

/** The process environment as the platform reads it; every variable is listed in the README. */
export class EnvDto {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @Matches(/^(sqlite:.+|mysql:\/\/[^/\s]+\/[A-Za-z0-9_$-]+(\?.*)?)$/, {
    message: 'DATABASE_URL must be sqlite:<path> or mysql://user:pass@host:port/database',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be redis://host:port[/db] or rediss://…' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  WORKER_EMBEDDED?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO?: boolean;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  @IsOptional()
  @IsString()
  SEED_DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  JOB_CONCURRENCY?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'QUEUE_PREFIX must be 1–32 letters, digits, _ or -' })
  QUEUE_PREFIX?: string;

  /** Minutes without a request before a session ends (30). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  SESSION_IDLE_MINUTES?: number;

  /** Hours after login when a session ends whatever happens (12). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(168)
  SESSION_ABSOLUTE_HOURS?: number;

  /** Failed logins in a row that lock an account (5). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_LOCK_THRESHOLD?: number;

  /** Minutes an account stays locked (15). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES?: number;

  /** Days before a password must be changed (90, 要點 七(一)). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  PASSWORD_MAX_AGE_DAYS?: number;

  /** Days before expiry from which users are reminded (14). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  PASSWORD_REMINDER_DAYS?: number;

  /** Days without a login after which an account is disabled (90). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  ACCOUNT_INACTIVE_DAYS?: number;

  /** Days audit rows are kept; never below 183 (six months). Default 731 (two years). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(183)
  @Max(36500)
  AUDIT_RETENTION_DAYS?: number;

  /** Express "trust proxy": which proxies' X-Forwarded-* headers count (TLS detection for Secure cookies, client IPs). */
  @IsOptional()
  @Matches(/^[\w.:/, -]{1,200}$/, { message: 'TRUST_PROXY must be a list like "loopback, uniquelocal" or addresses/subnets' })
  TRUST_PROXY?: string;

  /** Where uploaded originals are kept (report files), shared by api and workers. */
  @IsOptional()
  @IsString()
  FILES_DIR?: string;

  /** Office workdays from a report's import to its cycle's due date (10). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  CYCLE_DUE_WORKDAYS?: number;

  /** Outgoing mail: smtp://user:pass@host:port (or smtps://). Unset: notices stay in the app only. */
  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** Sender of notice mail ("TuneDesk <tunedesk@example.gov.tw>"). */
  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  /** BullMQ lock of a running job: a worker that dies is noticed after about this long and its job retried (30000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  JOB_LOCK_MS?: number;

  /** Largest JSON request body in KiB; a larger one is refused with 413 (100). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(102400)
  JSON_BODY_LIMIT_KB?: number;

  /** Deepest nesting of arrays and objects a JSON request body may have; a deeper one is refused with 400 (32). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(1000)
  JSON_MAX_DEPTH?: number;

  /** Day of the month the website review (附件三) is due (10). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(28)
  WEBSITE_REVIEW_DUE_DAY?: number;

  /** Whether a website review due date on a day off rolls to the next workday (true). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  WEBSITE_REVIEW_ROLL_OVER?: boolean;

  /** Days website review forms, corrections and their history are kept; never below 365. Default 731 (two years). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(365)
  @Max(36500)
  WEBSITE_RETENTION_DAYS?: number;

  /** Whether this process schedules the periodic jobs (inactive accounts, audit purge, account requests). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SCHEDULER?: boolean;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  database: { type: 'sqlite'; path: string } | { type: 'mysql'; url: string };
  redisUrl: string | null;
  /** Whether this process runs job processors (BullMQ mode); the in-process runner always does. */
  workerEmbedded: boolean;
  seedDemo: boolean;
  logLevel: string;
  webDistDir: string;
  seedDataDir: string;
  jobConcurrency: number;
  /** Redis key prefix of the BullMQ queue, so several installations can share one Redis. */
  queuePrefix: string;
  /** embedded = SQLite + in-process jobs; production = MySQL and/or Redis */
  mode: 'embedded' | 'production';
  security: SecurityConfig;
  /** Days audit rows are kept (≥ 183). */
  auditRetentionDays: number;
  scheduler: boolean;
  trustProxy: string;
  filesDir: string;
  cycleDueWorkdays: number;
  /** The monthly website review: due day, roll-over to the next workday, retention of forms. */
  website: { reviewDueDay: number; rollOver: boolean; retentionDays: number };
  jobLockMs: number;
  mail: { smtpUrl: string | null; from: string };
  /** Limits on JSON request bodies, checked before any handler or validation sees them. */
  jsonBody: { limitKb: number; maxDepth: number };
}

export interface SecurityConfig {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockThreshold: number;
  lockMinutes: number;
  passwordMaxAgeDays: number;
  passwordReminderDays: number;
  accountInactiveDays: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_SQLITE_PATH = './data/tunedesk.sqlite';

/** Validates the environment; a bad value throws a ConfigError naming each variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string | undefined> = {};
  for (const key of ENV_KEYS) raw[key] = env[key];
  const dto = plainToInstance(EnvDto, raw);
  const errors = validateSync(dto, { skipMissingProperties: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(
      errors.map((e) => e.property),
      `Invalid configuration (設定值錯誤):\n${lines.join('\n')}`,
    );
  }
  const database: AppConfig['database'] = dto.DATABASE_URL?.startsWith('mysql://')
    ? { type: 'mysql', url: dto.DATABASE_URL }
    : { type: 'sqlite', path: dto.DATABASE_URL ? dto.DATABASE_URL.slice('sqlite:'.length) : DEFAULT_SQLITE_PATH };
  const redisUrl = dto.REDIS_URL ?? null;
  const embeddedDb = database.type === 'sqlite';
  return {
    env: (dto.NODE_ENV as AppConfig['env']) ?? 'development',
    port: dto.PORT ?? 3000,
    database,
    redisUrl,
    workerEmbedded: redisUrl ? (dto.WORKER_EMBEDDED ?? false) : true,
    seedDemo: dto.SEED_DEMO ?? embeddedDb,
    logLevel: dto.LOG_LEVEL ?? (dto.NODE_ENV === 'test' ? 'warn' : 'info'),
    webDistDir: dto.WEB_DIST_DIR ?? 'dist/apps/web/browser',
    seedDataDir: dto.SEED_DATA_DIR ?? 'apps/api/seed-data',
    jobConcurrency: dto.JOB_CONCURRENCY ?? 2,
    queuePrefix: dto.QUEUE_PREFIX ?? 'tunedesk',
    mode: embeddedDb && !redisUrl ? 'embedded' : 'production',
    security: {
      sessionIdleMinutes: dto.SESSION_IDLE_MINUTES ?? 30,
      sessionAbsoluteHours: dto.SESSION_ABSOLUTE_HOURS ?? 12,
      lockThreshold: dto.LOGIN_LOCK_THRESHOLD ?? 5,
      lockMinutes: dto.LOGIN_LOCK_MINUTES ?? 15,
      passwordMaxAgeDays: dto.PASSWORD_MAX_AGE_DAYS ?? 90,
      passwordReminderDays: dto.PASSWORD_REMINDER_DAYS ?? 14,
      accountInactiveDays: dto.ACCOUNT_INACTIVE_DAYS ?? 90,
    },
    auditRetentionDays: dto.AUDIT_RETENTION_DAYS ?? 731,
    scheduler: dto.SCHEDULER ?? dto.NODE_ENV !== 'test',
    trustProxy: dto.TRUST_PROXY ?? 'loopback',
    filesDir: dto.FILES_DIR ?? './data/files',
    cycleDueWorkdays: dto.CYCLE_DUE_WORKDAYS ?? 10,
    website: {
      reviewDueDay: dto.WEBSITE_REVIEW_DUE_DAY ?? 10,
      rollOver: dto.WEBSITE_REVIEW_ROLL_OVER ?? true,
      retentionDays: dto.WEBSITE_RETENTION_DAYS ?? 731,
    },
    jobLockMs: dto.JOB_LOCK_MS ?? 30_000,
    jsonBody: { limitKb: dto.JSON_BODY_LIMIT_KB ?? 100, maxDepth: dto.JSON_MAX_DEPTH ?? 32 },
    mail: { smtpUrl: dto.SMTP_URL ?? null, from: dto.MAIL_FROM ?? 'TuneDesk 智能客服知識庫調校平台 <tunedesk@localhost>' },
  };
}

// class-validator decorators do not create own properties, so list them for reading.
const ENV_KEYS = [
  'NODE_ENV',
  'PORT',
  'DATABASE_URL',
  'REDIS_URL',
  'WORKER_EMBEDDED',
  'SEED_DEMO',
  'LOG_LEVEL',
  'WEB_DIST_DIR',
  'SEED_DATA_DIR',
  'JOB_CONCURRENCY',
  'QUEUE_PREFIX',
  'SESSION_IDLE_MINUTES',
  'SESSION_ABSOLUTE_HOURS',
  'LOGIN_LOCK_THRESHOLD',
  'LOGIN_LOCK_MINUTES',
  'PASSWORD_MAX_AGE_DAYS',
  'PASSWORD_REMINDER_DAYS',
  'ACCOUNT_INACTIVE_DAYS',
  'AUDIT_RETENTION_DAYS',
  'SCHEDULER',
  'TRUST_PROXY',
  'FILES_DIR',
  'CYCLE_DUE_WORKDAYS',
  'WEBSITE_REVIEW_DUE_DAY',
  'WEBSITE_REVIEW_ROLL_OVER',
  'WEBSITE_RETENTION_DAYS',
  'JOB_LOCK_MS',
  'SMTP_URL',
  'MAIL_FROM',
  'JSON_BODY_LIMIT_KB',
  'JSON_MAX_DEPTH',
];

export const APP_CONFIG = Symbol('APP_CONFIG');

/** For entry points: a bad configuration prints the reason (naming each variable) and exits. */
export function loadConfigOrExit(check?: (config: AppConfig) => void, exitCode = 1): AppConfig {
  try {
    const config = loadConfig();
    check?.(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(exitCode);
    }
    throw error;
  }
}
