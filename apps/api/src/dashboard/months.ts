import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** YYYY-MM moved by `by` months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** a ÷ b to four decimals; null when b is 0. */
export const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

export function badMonth(field: string): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    { 'zh-TW': `${field} 須為 YYYY-MM`, en: `${field} must be YYYY-MM` },
    HttpStatus.BAD_REQUEST,
    [{ field, reason: 'YYYY-MM' }],
  );
}

export function assertMonth(value: string, field: string): void {
  if (!MONTH.test(value)) throw badMonth(field);
}
