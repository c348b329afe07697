import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import {
  DUTY_NAMES,
  DutyDue,
  DutyName,
  DutyPeriodDto,
  DutyScheduleDto,
  DutyStatus,
  DutyUnitStatus,
  DutyYearDto,
} from '@tunedesk/contracts';
import { CalendarYearMissingError, DUTY_RULES, dutySchedule } from '@tunedesk/domain';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import { Actor, seesAllUnits } from '../common/actor';
import { Clock, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DUTY_STATUS_SOURCE, DutyStatusProvider } from './duty-status';

/** Worst first: one unit missing makes the period missing. */
const SEVERITY: DutyStatus[] = [DutyStatus.Missing, DutyStatus.Late, DutyStatus.Pending, DutyStatus.Done];

export function overallStatus(units: readonly DutyUnitStatus[]): DutyStatus {
  if (!units.length) return DutyStatus.Unknown;
  return SEVERITY.find((s) => units.some((u) => u.status === s)) ?? DutyStatus.Unknown;
}

/** The duties calendar: due dates from the office calendar, statuses from the features that own the duties. */
@Injectable()
export class DutiesService implements OnModuleInit {
  private readonly sources = new Map<DutyName, DutyStatusProvider>();

  constructor(
    private readonly calendar: OfficeCalendarProvider,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const duty = this.reflector.get<DutyName | undefined>(DUTY_STATUS_SOURCE, wrapper.metatype as object as new () => unknown);
      if (!duty) continue;
      if (this.sources.has(duty)) throw new Error(`Duty "${duty}" has two status sources`);
      this.sources.set(duty, wrapper.instance as DutyStatusProvider);
    }
  }

  /** For tests and features registered outside discovery. */
  register(duty: DutyName, provider: DutyStatusProvider): void {
    this.sources.set(duty, provider);
  }

  /** Every duty's due dates in a year; a year not imported is CALENDAR_YEAR_MISSING naming it. */
  async schedule(year: number): Promise<DutyScheduleDto> {
    const cal = await this.calendar.current();
    try {
      if (!cal) throw new CalendarYearMissingError(year);
      const duties = dutySchedule(cal, year, {
        websiteReviewDueDay: this.config.website.reviewDueDay,
        websiteReviewRollOver: this.config.website.rollOver,
      }) as DutyDue[];
      return { year, duties };
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError)) throw error;
      throw new DomainError(
        'CALENDAR_YEAR_MISSING',
        {
          'zh-TW': `尚未匯入 ${year} 年（民國 ${year - 1911} 年）辦公日曆表，無法排定工作期限`,
          en: `The office calendar of ${year} has not been imported; import it to schedule the duties`,
        },
        422,
        [{ field: 'year', reason: `calendar ${year} not imported` }],
      );
    }
  }

  /** The year view: the schedule with a status per period and, for whom the actor may see, per unit. */
  async year(actor: Actor, year: number): Promise<DutyYearDto> {
    const { duties } = await this.schedule(year);
    const today = taipeiDay(this.clock.now());
    const all = seesAllUnits(actor);
    const out: DutyPeriodDto[] = [];
    for (const duty of DUTY_NAMES) {
      const periods = duties.filter((d) => d.duty === duty);
      const source = this.sources.get(duty);
      const found = source ? await source.statuses(periods, today) : new Map<string, DutyUnitStatus[]>();
      for (const p of periods) {
        const units = (found.get(p.period) ?? []).filter((u) => all || u.unitCode === actor.unitCode);
        out.push({ ...p, status: source ? overallStatus(units) : DutyStatus.Unknown, units });
      }
    }
    const recurrence = new Map(DUTY_RULES.map((r) => [r.duty, r.recurrence]));
    return {
      year,
      today,
      rules: DUTY_NAMES.map((duty) => ({ duty, recurrence: recurrence.get(duty)!, tracked: this.sources.has(duty) })),
      duties: out,
    };
  }
}
