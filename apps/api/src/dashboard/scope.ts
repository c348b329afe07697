import { HttpStatus } from '@nestjs/common';
import { Actor, seesAllUnits } from '../common/actor';
import { DomainError } from '../common/domain-error';

/**
 * The unit a team dashboard reads: a contact or unit head is held to their
 * own unit (asking for another is refused, not widened); the others read the
 * unit they ask for, or every unit (null).
 */
export function unitScope(actor: Actor, wanted: string | undefined, what: { 'zh-TW': string; en: string }): string | null {
  const unit = wanted?.trim().toUpperCase() || null;
  if (seesAllUnits(actor)) return unit;
  if (unit && unit !== actor.unitCode) throw new DomainError('FORBIDDEN_UNIT', what, HttpStatus.FORBIDDEN);
  return actor.unitCode;
}
