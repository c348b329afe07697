/**
 * The current time, injected everywhere a rule depends on it (lockouts,
 * session expiry, password age, retention), so tests can move time by hand.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock the tests set and advance. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-02T01:00:00Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: { minutes?: number; hours?: number; days?: number; seconds?: number }): void {
    this.current += (ms.seconds ?? 0) * 1000 + (ms.minutes ?? 0) * 60_000 + (ms.hours ?? 0) * 3_600_000 + (ms.days ?? 0) * 86_400_000;
  }
}

export const DAY_MS = 86_400_000;

/** A datetime column as a Date (drivers hand some back as strings); null stays null. */
export function asDate(value: Date | string | null): Date | null {
  return value == null ? null : value instanceof Date ? value : new Date(value);
}

/** YYYY-MM-DD of an instant in Asia/Taipei (UTC+8, no daylight saving), the office's calendar day. */
export function taipeiDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
