import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { DutyName, DutyStatus, Role, type DutyDue, type DutyUnitStatus } from '@tunedesk/contracts';
import { OfficeCalendar, parseOfficeCalendar } from '@tunedesk/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OfficeCalendarProvider } from '../calendar/office-calendar.provider';
import type { Actor } from '../common/actor';
import { Clock, ManualClock } from '../common/clock';
import { APP_CONFIG } from '../config/app-config';
import { DutiesService, overallStatus } from './duties.service';
import { DutyStatusSource, type DutyStatusProvider } from './duty-status';

function shipped2026(): OfficeCalendar {
  const text = readFileSync(join(__dirname, '../../seed-data/calendar-2026.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [, ...lines] = text.split(/\r?\n/).filter(Boolean);
  return new OfficeCalendar(
    parseOfficeCalendar(
      lines.map((l) => {
        const [date, , isHoliday, note] = l.split(',');
        return { date, isHoliday, note };
      }),
    ),
  );
}

@Injectable()
@DutyStatusSource(DutyName.PasswordRotation)
class PasswordRotations implements DutyStatusProvider {
  async statuses(periods: readonly DutyDue[], today: string) {
    return new Map<string, DutyUnitStatus[]>(
      periods.map((p) => [p.period, [{ unitCode: 'HT', status: p.due! < today ? DutyStatus.Missing : DutyStatus.Pending }]]),
    );
  }
}

@Injectable()
@DutyStatusSource(DutyName.PasswordRotation)
class AnotherPasswordSource extends PasswordRotations {}

const actor = (unitCode: string, roles: Role[]): Actor => ({
  userId: 1,
  account: 'a',
  unitCode,
  roles: new Set(roles),
  sessionKey: null,
  passwordChangeRequired: null,
  requestId: null,
  clientIp: null,
});

async function service(sources: (new () => DutyStatusProvider)[], website = { reviewDueDay: 10, rollOver: true }) {
  const cal = shipped2026();
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      DutiesService,
      ...sources,
      { provide: OfficeCalendarProvider, useValue: { current: async () => cal } },
      { provide: Clock, useValue: new ManualClock('2026-05-04T02:00:00Z') },
      { provide: APP_CONFIG, useValue: { website } },
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(DutiesService);
}

describe('DutiesService', () => {
  it('finds a feature’s @DutyStatusSource at startup and reports its statuses; other duties stay unknown', async () => {
    const duties = await service([PasswordRotations]);
    const view = await duties.year(actor('HT', [Role.KnowledgeContact]), 2026);
    const rotation = view.duties.filter((d) => d.duty === DutyName.PasswordRotation);
    expect(rotation.map((d) => d.status)).toEqual(['missing', 'pending', 'pending', 'pending']); // Q1 due 03-31, today 05-04
    expect(view.rules.find((r) => r.duty === DutyName.PasswordRotation)?.tracked).toBe(true);
    expect(view.duties.filter((d) => d.duty === DutyName.WebsiteReview).every((d) => d.status === DutyStatus.Unknown)).toBe(true);
    // Another unit's contact sees no HT rows, so nothing to judge: unknown.
    const other = await duties.year(actor('LV', [Role.KnowledgeContact]), 2026);
    expect(other.duties.find((d) => d.duty === DutyName.PasswordRotation)).toMatchObject({ units: [], status: 'unknown' });
  });

  it('refuses two status sources for one duty at startup', async () => {
    await expect(service([PasswordRotations, AnotherPasswordSource])).rejects.toThrow('Duty "password-rotation" has two status sources');
  });

  it('takes the due day and the roll-over from the settings', async () => {
    const off = await service([], { reviewDueDay: 10, rollOver: false });
    expect((await off.schedule(2026)).duties[0]).toEqual({ duty: 'website-review', period: '2026-01', due: '2026-01-10' });
    const fifteenth = await service([], { reviewDueDay: 15, rollOver: true });
    expect((await fifteenth.schedule(2026)).duties[1]).toEqual({ duty: 'website-review', period: '2026-02', due: '2026-02-23' });
  });

  it('judges a period by its worst unit', () => {
    expect(overallStatus([])).toBe('unknown');
    expect(overallStatus([{ unitCode: 'A', status: DutyStatus.Done }])).toBe('done');
    expect(
      overallStatus([
        { unitCode: 'A', status: DutyStatus.Done },
        { unitCode: 'B', status: DutyStatus.Pending },
      ]),
    ).toBe('pending');
    expect(
      overallStatus([
        { unitCode: 'A', status: DutyStatus.Late },
        { unitCode: 'B', status: DutyStatus.Missing },
      ]),
    ).toBe('missing');
  });
});
