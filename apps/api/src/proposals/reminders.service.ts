import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Role } from '@tunedesk/contracts';
import { formatRoc, parseFlexibleDate } from '@tunedesk/domain';
import { IsNull, Not, Repository } from 'typeorm';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import { Clock, taipeiDay } from '../common/clock';
import { Transactions } from '../database/transactions';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsRepository } from '../org/units.repository';
import { UsersRepository } from '../org/users.repository';
import { TuningCycleEntity } from '../reports/report.entities';
import { ReminderLogEntity } from '../tuning/tuning.entities';
import { ProposalListEntity } from './proposal.entities';

export type ReminderKind = 'due-in-3' | 'due-today' | 'overdue';
export const REMIND_WORKDAYS_BEFORE = 3;

/**
 * Deadline reminders of announced cycles, on the office calendar: three
 * workdays before the due date, on the day, and every workday after it while a
 * unit's list is not approved. Contacts are reminded until they submit; the
 * unit head while a submitted list waits for approval. Each (cycle, unit, kind,
 * day) is sent once, however often the job runs.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectRepository(TuningCycleEntity) private readonly cycles: Repository<TuningCycleEntity>,
    @InjectRepository(ProposalListEntity) private readonly lists: Repository<ProposalListEntity>,
    private readonly calendar: OfficeCalendarProvider,
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async kindFor(today: string, due: string): Promise<ReminderKind | null> {
    if (!(await this.calendar.isWorkday(today))) return null;
    if (today > due) return 'overdue';
    if (today === due) return 'due-today';
    return (await this.calendar.workdaysBetween(today, due)) === REMIND_WORKDAYS_BEFORE ? 'due-in-3' : null;
  }

  /** Sends today's reminders; returns what was sent as `cycleId/unit/kind`. */
  async run(): Promise<string[]> {
    const today = taipeiDay(this.clock.now());
    const sent: string[] = [];
    const open = await this.cycles.find({
      where: { kind: 'regular', closedAt: IsNull(), announcedAt: Not(IsNull()), dueDate: Not(IsNull()) },
    });
    const units = (await this.units.findAll()).filter((u) => u.active);
    for (const cycle of open) {
      const kind = await this.kindFor(today, cycle.dueDate!);
      if (!kind) continue;
      const lists = new Map((await this.lists.findBy({ cycleId: cycle.id })).map((l) => [l.unitCode, l.status]));
      for (const unit of units) {
        const status = lists.get(unit.code) ?? 'not-started';
        if (status === 'approved') continue;
        const waitingForHead = status === 'submitted';
        const people = await this.users.withRole(waitingForHead ? Role.UnitHead : Role.KnowledgeContact, unit.code);
        if (!people.length) continue;
        const due = formatRoc(parseFlexibleDate(cycle.dueDate!)!);
        const what = waitingForHead ? '資料檢視清單待核章' : '資料檢視清單尚未送出';
        const title =
          kind === 'overdue'
            ? {
                'zh-TW': `【逾期】${cycle.label}${what}（期限 ${due}）`,
                en: `Overdue: ${cycle.label} list ${waitingForHead ? 'awaits approval' : 'not submitted'} (due ${cycle.dueDate})`,
              }
            : kind === 'due-today'
              ? { 'zh-TW': `【今日到期】${cycle.label}${what}（期限 ${due}）`, en: `Due today: ${cycle.label} (${cycle.dueDate})` }
              : {
                  'zh-TW': `【3 個工作天後到期】${cycle.label}${what}（期限 ${due}）`,
                  en: `Due in 3 workdays: ${cycle.label} (${cycle.dueDate})`,
                };
        const done = await this.tx.run(async (m) => {
          const log = m.getRepository(ReminderLogEntity);
          if (await log.findOneBy({ cycleId: cycle.id, unitCode: unit.code, kind, day: today })) return false;
          await log.insert({ cycleId: cycle.id, unitCode: unit.code, kind, day: today, sentAt: this.clock.now() });
          await this.notifications.notify(
            people.map((p) => p.id),
            { kind: `reminder.${kind}`, title, link: `/proposals/lists/${cycle.id}/${unit.code}` },
            m,
          );
          return true;
        });
        if (done) sent.push(`${cycle.id}/${unit.code}/${kind}`);
      }
    }
    if (sent.length) this.logger.log({ day: today, reminders: sent.length }, 'Deadline reminders sent');
    return sent;
  }
}
