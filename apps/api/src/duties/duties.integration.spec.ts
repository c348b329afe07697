import { DutyName, DutyStatus, Role, type DutyDue, type DutyUnitStatus, type DutyYearDto } from '@tunedesk/contracts';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { DutiesScheduleCommand } from '../cli/duties-schedule.command';
import { DutiesService } from './duties.service';
import type { DutyStatusProvider } from './duty-status';

/** What the website module will report: HT reviewed January on time, LV late; February is not yet due. */
class FakeWebsiteReviews implements DutyStatusProvider {
  today: string | null = null;
  async statuses(periods: readonly DutyDue[], today: string) {
    this.today = today;
    const out = new Map<string, DutyUnitStatus[]>();
    for (const p of periods) {
      if (p.period === '2026-01')
        out.set(p.period, [
          { unitCode: 'HT', status: DutyStatus.Done },
          { unitCode: 'LV', status: DutyStatus.Late },
        ]);
      if (p.period === '2026-02') out.set(p.period, [{ unitCode: 'HT', status: DutyStatus.Pending }]);
    }
    return out;
  }
}

async function expectStatus(pending: Promise<Response>, status: number): Promise<Response> {
  const res = await pending;
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
  return res;
}

async function cliOutput(command: DutiesScheduleCommand, options: { year?: number; json?: boolean }) {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  const before = process.exitCode;
  try {
    await command.run([], options);
    return { stdout, stderr, exitCode: process.exitCode };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = before;
  }
}

describe.each(DATABASE_KINDS)('duties calendar (工作行事曆) on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let contact: Client;
  let service: Client;

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db, {}, undefined);
    t.clock.set('2026-02-05T02:00:00Z');
    await seedUnits(t);
    await makeUser(t, { account: 'ht.contact', unitCode: 'HT', roles: [Role.KnowledgeContact] });
    await makeUser(t, { account: 'svc.staff', unitCode: 'SVC', roles: [Role.ServiceSection] });
    [contact, service] = await Promise.all(['ht.contact', 'svc.staff'].map((a) => signedIn(t, a)));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('gives every signed-in user the year: due dates on the calendar, unknown where no feature reports', async () => {
    const res = await expectStatus(contact.get('/api/duties?year=2026'), 200);
    const body = res.body as DutyYearDto;
    expect(body.today).toBe('2026-02-05');
    expect(body.duties.find((d) => d.duty === DutyName.WebsiteReview && d.period === '2026-01')).toEqual({
      duty: 'website-review',
      period: '2026-01',
      due: '2026-01-12',
      status: 'unknown',
      units: [],
    });
    expect(body.duties.filter((d) => d.duty === DutyName.PasswordRotation).map((d) => d.due)).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
    ]);
    expect(body.duties.filter((d) => d.duty === DutyName.MailboxCheck)).toHaveLength(53);
    expect(body.rules.map((r) => [r.duty, r.recurrence])).toEqual([
      ['website-review', 'monthly'],
      ['password-rotation', 'quarterly'],
      ['mailbox-check', 'weekly'],
      ['overdue-case-review', 'quarterly'],
    ]);
  });

  it('refuses a year the calendar does not have, naming it', async () => {
    const res = await expectStatus(contact.get('/api/duties?year=2027'), 422);
    expect(res.body.code).toBe('CALENDAR_YEAR_MISSING');
    expect(JSON.stringify(res.body.message)).toContain('2027');
    await expectStatus(contact.get('/api/duties?year=26'), 400);
  });

  it('takes statuses from the feature that reports the duty; a unit sees its own rows, the service section every unit', async () => {
    const fake = new FakeWebsiteReviews();
    t.app.get(DutiesService).register(DutyName.WebsiteReview, fake);
    const wide = (await expectStatus(service.get('/api/duties?year=2026'), 200)).body as DutyYearDto;
    expect(fake.today).toBe('2026-02-05');
    const jan = wide.duties.find((d) => d.duty === DutyName.WebsiteReview && d.period === '2026-01')!;
    expect(jan.units).toEqual([
      { unitCode: 'HT', status: 'done' },
      { unitCode: 'LV', status: 'late' },
    ]);
    expect(jan.status).toBe('late');
    expect(wide.rules.find((r) => r.duty === DutyName.WebsiteReview)?.tracked).toBe(true);
    // A tracked duty with no unit rows for a period is unknown, not done.
    expect(wide.duties.find((d) => d.duty === DutyName.WebsiteReview && d.period === '2026-03')?.status).toBe('unknown');

    const own = (await expectStatus(contact.get('/api/duties?year=2026'), 200)).body as DutyYearDto;
    const ownJan = own.duties.find((d) => d.duty === DutyName.WebsiteReview && d.period === '2026-01')!;
    expect(ownJan.units).toEqual([{ unitCode: 'HT', status: 'done' }]);
    expect(ownJan.status).toBe('done');
    expect(own.duties.find((d) => d.duty === DutyName.PasswordRotation)?.status).toBe('unknown');
  });

  it('duties:schedule --json prints the schedule as its last line; without --json a table with ROC dates', async () => {
    const command = new DutiesScheduleCommand(t.app.get(DutiesService), t.app.get(DataSource));
    const json = await cliOutput(command, { year: 2026, json: true });
    expect(json.exitCode).toBeFalsy();
    const last = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    expect(last.year).toBe(2026);
    expect(last.duties[0]).toEqual({ duty: 'website-review', period: '2026-01', due: '2026-01-12' });
    expect(last.duties).toContainEqual({ duty: 'overdue-case-review', period: '2026-Q1', due: '2026-03-31' });
    expect(last.duties).toContainEqual({ duty: 'mailbox-check', period: '2026-W02', due: '2026-01-09' });

    const human = await cliOutput(command, { year: 2026 });
    expect(human.stdout).toContain('民國 115 年');
    expect(human.stdout).toMatch(/2026-01 +115\/01\/12/);
    expect(human.stdout).toContain('2026-W53');
    expect(human.stdout).toContain('needs the 2027 calendar');

    const missing = await cliOutput(command, { year: 2027, json: true });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('2027');
    expect(JSON.parse(missing.stdout.trim().split('\n').at(-1)!)).toMatchObject({ error: { code: 'CALENDAR_YEAR_MISSING' } });

    const noYear = await cliOutput(command, { json: true });
    expect(noYear.exitCode).toBe(1);
    expect(noYear.stderr).toContain('--year');
  });
});
