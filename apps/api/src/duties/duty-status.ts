import { SetMetadata } from '@nestjs/common';
import type { DutyDue, DutyName, DutyUnitStatus } from '@tunedesk/contracts';

export const DUTY_STATUS_SOURCE = 'tunedesk:duty-status-source';

/**
 * Who has done a duty, period by period and unit by unit. The feature that
 * owns the duty implements it (the website module for website-review) and
 * marks the provider with @DutyStatusSource; the duties calendar finds it at
 * startup. A duty no provider reports shows as `unknown`.
 */
export interface DutyStatusProvider {
  /** The statuses of the given periods (all of one duty and one year), per unit; `today` is the office day. */
  statuses(periods: readonly DutyDue[], today: string): Promise<Map<string, DutyUnitStatus[]>>;
}

/** Marks a provider as the status source of one duty (one per duty; a second is a startup error). */
export const DutyStatusSource = (duty: DutyName) => SetMetadata(DUTY_STATUS_SOURCE, duty);
