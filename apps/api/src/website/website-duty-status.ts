import { Injectable } from '@nestjs/common';
import { DutyName, DutyStatus, type DutyDue, type DutyUnitStatus } from '@tunedesk/contracts';
import { DutyStatusSource, type DutyStatusProvider } from '../duties/duty-status';
import { timelinessOf } from './website-views';
import { WebsiteRepository } from './website.repository';

/**
 * The monthly website review on the duties calendar, unit by unit: done (approved by the due
 * date), late (approved after it), missing (not approved, past due), pending (not yet due).
 * Months before the first review form are left out: the duty was not kept in TuneDesk then.
 */
@Injectable()
@DutyStatusSource(DutyName.WebsiteReview)
export class WebsiteDutyStatus implements DutyStatusProvider {
  constructor(private readonly repo: WebsiteRepository) {}

  async statuses(periods: readonly DutyDue[], today: string): Promise<Map<string, DutyUnitStatus[]>> {
    const result = new Map<string, DutyUnitStatus[]>();
    const months = periods.map((p) => p.period).sort();
    if (!months.length) return result;
    const forms = await this.repo.listForms({ from: months[0], to: months[months.length - 1] });
    const first = (await this.repo.listForms({})).map((f) => f.month).sort()[0];
    if (!first) return result;
    const owners = await this.repo.unitsWithActivePages();
    for (const p of periods) {
      if (p.period < first) continue;
      const ofMonth = forms.filter((f) => f.month === p.period);
      const units = [...new Set([...owners, ...ofMonth.map((f) => f.unitCode)])].sort();
      result.set(
        p.period,
        units.map((unitCode) => {
          const form = ofMonth.find((f) => f.unitCode === unitCode);
          const due = form?.dueDate ?? p.due;
          if (!form) return { unitCode, status: due && today > due ? DutyStatus.Missing : DutyStatus.Pending };
          const t = timelinessOf(form, today);
          const status =
            t === 'on-time' ? DutyStatus.Done : t === 'late' ? DutyStatus.Late : t === 'overdue' ? DutyStatus.Missing : DutyStatus.Pending;
          return { unitCode, status };
        }),
      );
    }
    return result;
  }
}
