import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AccountRequestKind, AccountRequestReason, Role, ROLES } from '@tunedesk/contracts';
import { normalizeText } from '@tunedesk/domain';
import { parse } from 'csv-parse/sync';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AccountRequestsService } from '../../account-requests/account-requests.service';
import { OfficeCalendarProvider } from '../../calendar/office-calendar.provider';
import { Actor, systemActor } from '../../common/actor';
import { Clock, DAY_MS, taipeiDay } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { CorrectionsService } from '../../website/corrections.service';
import { PagesService } from '../../website/pages.service';
import { ReviewsService } from '../../website/reviews.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { KnowledgeService } from '../../knowledge/knowledge.service';
import { OrgService } from '../../org/org.service';
import { ConsolidationService } from '../../proposals/consolidation.service';
import { ProposalEntity } from '../../proposals/proposal.entities';
import { ProposalsService } from '../../proposals/proposals.service';
import { DataSource, In } from 'typeorm';
import { QueueService } from '../../proposals/queue.service';
import { CycleService } from '../../reports/cycle.service';
import { ReportImportService } from '../../reports/report-import.service';
import { TuningCycleEntity } from '../../reports/report.entities';
import { TuningSettingsService } from '../../tuning/tuning-settings.service';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsersRepository } from '../../org/users.repository';
import { UsersService } from '../../org/users.service';

/** 'YYYY-MM-DD' moved by whole days. */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The same day of the month before (the month's last day when it has no such day). */
function monthBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 2, Math.min(d, last))).toISOString().slice(0, 10);
}

export interface SeededUser {
  account: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
  initialPassword: string;
}

/**
 * Fills an empty database with the sample organisation so a new user meets a
 * living system. Each feature adds its part here; nothing runs when data exists.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');
  /** The accounts seeded by this start, for main.ts to print once the server listens. */
  private seeded: SeededUser[] = [];
  /** The demo's tuning work, which waits for the import jobs after bootstrap. */
  private background: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly userRepo: UsersRepository,
    private readonly requests: AccountRequestsService,
    private readonly clock: Clock,
    private readonly knowledge: KnowledgeService,
    private readonly reports: ReportImportService,
    private readonly cycles: CycleService,
    private readonly settings: TuningSettingsService,
    private readonly queue: QueueService,
    private readonly proposals: ProposalsService,
    private readonly consolidation: ConsolidationService,
    private readonly calendar: OfficeCalendarProvider,
    private readonly ds: DataSource,
    private readonly pages: PagesService,
    private readonly reviews: ReviewsService,
    private readonly corrections: CorrectionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    if ((await this.org.listUnits()).length > 0) return;
    this.seeded = await this.seed();
  }

  /** Resolves when the demo's background work is done (or after `timeoutMs`, whichever comes first). */
  async settled(timeoutMs: number): Promise<void> {
    const timer = new AbortController();
    await Promise.race([this.background, sleep(timeoutMs, undefined, { signal: timer.signal }).catch(() => undefined)]);
    timer.abort();
  }

  /**
   * The demo's initial passwords, for the console only (never through the
   * logger): a heading and one `[demo-account] <account> <password> …` line
   * each; none when this start seeded nothing.
   */
  accountLines(): string[] {
    if (!this.seeded.length) return [];
    return [
      '── TuneDesk 示範帳號（初始密碼僅顯示這一次，首次登入須變更）/ demo accounts: initial passwords, shown once ──',
      ...this.seeded.map(
        (u) =>
          `[demo-account] ${u.account.padEnd(12)} ${u.initialPassword}  ${u.unitCode.padEnd(4)} ${u.roles.join(',')}  ${u.displayName}`,
      ),
    ];
  }

  async seed(): Promise<SeededUser[]> {
    const dir = resolve(this.config.seedDataDir);
    const summary = await this.org.importUnits(
      await readFile(join(dir, 'sections.csv')),
      'sections.csv',
      undefined,
      systemActor('demo-seed'),
    );
    const seeded = await this.seedUsers(await readFile(join(dir, 'users.csv')));
    await this.seedAccountRequests();
    await this.seedWebsite(dir);
    // Last month's bank, then this month's (three items changed), so items have a history to compare.
    // This month's came back from the vendor as the clerk saved it in LibreOffice Calc: ODF (.ods).
    for (const file of ['kb.csv', 'kb-2026-11.ods'])
      await this.knowledge.import(await this.actor('admin'), await readFile(join(dir, file)), file);
    // Two months of the vendor's report: the import jobs cluster and route them in the background.
    // A second vendor's column names, as the service section would keep them (匯入設定檔).
    await this.settings.createProfile(await this.actor('svc.chen'), {
      name: '乙廠商（新版報表欄位）',
      note: '範例：廠商改了欄位名稱時，在此加上別名即可匯入',
      aliases: { log: { askedAt: ['發問時間'], question: ['民眾提問'], responseType: ['回覆結果'], kbItemId: ['知識編號'] } },
    });
    // Words the demo bureau added for itself in 調校設定 (the shipped list holds only words with a named source).
    for (const [term, variants] of [
      ['房屋稅', ['房捐', '房屋捐']],
      ['娛樂稅', ['卡拉OK', 'KTV']],
    ] as const)
      await this.settings.createSynonym(await this.actor('svc.chen'), {
        term,
        variants: [...variants],
        note: '示範資料：本局自訂（非系統預設）',
      });
    const scratch = await mkdtemp(join(tmpdir(), 'tunedesk-seed-'));
    const submitted: number[] = [];
    for (const file of ['report-2026-09.csv', 'report-2026-10.csv']) {
      await copyFile(join(dir, file), join(scratch, file));
      submitted.push((await this.reports.submit(await this.actor('svc.chen'), { tempPath: join(scratch, file), fileName: file }, {})).id);
    }
    // Both months announced (公告), and October's tuning under way: the queues, proposals and lists are mid-month.
    this.background = this.afterImports(submitted);
    this.logger.log({ units: summary.created, users: seeded.length }, 'Demo organisation seeded');
    return seeded;
  }

  private async afterImports(importIds: number[]): Promise<void> {
    try {
      for (const id of importIds) {
        for (let i = 0; i < 600; i++) {
          const imp = await this.reports.get(id);
          if (imp.status !== 'queued' && imp.status !== 'processing') break;
          await sleep(500);
        }
      }
      const svc = await this.actor('svc.chen');
      for (const month of ['2026-09', '2026-10']) {
        const cycle = await this.cycles.findByMonth(month);
        if (cycle) await this.cycles.announce(svc, cycle.id);
      }
      await this.announcedOnTheirOwnDays();
      const september = await this.cycles.findByMonth('2026-09');
      if (september) await this.seedSeptemberApplied(september.id);
      const october = await this.cycles.findByMonth('2026-10');
      if (october) await this.seedTuningWork(october.id);
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Demo tuning work not seeded');
    }
  }

  /**
   * Each month was imported and announced (公告) on a day of its own, its due
   * date by the code's rule (CYCLE_DUE_WORKDAYS workdays on the office calendar
   * from that day): October a few workdays ago, so its month is under way, and
   * September a month before, so its stragglers are late.
   */
  private async announcedOnTheirOwnDays(): Promise<void> {
    const cycles = this.ds.getRepository(TuningCycleEntity);
    const october = await this.workdayOnOrAfter(await this.workdaysBefore(taipeiDay(this.clock.now()), 3));
    const september = await this.workdayOnOrAfter(monthBefore(october));
    for (const [month, day] of [
      ['2026-09', september],
      ['2026-10', october],
    ] as const) {
      const cycle = await cycles.findOneBy({ month });
      if (!cycle?.announcedAt) continue;
      // 09:30 in Taipei, the morning the service section announced it.
      const announcedAt = new Date(`${day}T01:30:00.000Z`);
      const dueDate = await this.calendar.addWorkdays(day, this.config.cycleDueWorkdays);
      await cycles.update({ id: cycle.id }, { announcedAt, dueDate, updatedAt: announcedAt });
    }
  }

  private async workdaysBefore(day: string, n: number): Promise<string> {
    let d = day;
    for (let left = n; left > 0;) {
      d = addDays(d, -1);
      if (await this.calendar.isWorkday(d)) left--;
    }
    return d;
  }

  private async workdayOnOrAfter(day: string): Promise<string> {
    let d = day;
    while (!(await this.calendar.isWorkday(d))) d = addDays(d, 1);
    return d;
  }

  /**
   * September's changes were approved and applied at the end of September, so
   * October's report says whether they cut the misses (調校成效).
   */
  private async seedSeptemberApplied(cycleId: number): Promise<void> {
    const svc = await this.actor('svc.chen');
    for (const [account, unit, head] of [
      ['ht.lee', 'HT', 'ht.head'],
      ['lv.wu', 'LV', 'lv.head'],
      ['ct.hsu', 'CT', 'ct.head'],
    ]) {
      if (!(await this.propose(cycleId, account, unit, true))) continue;
      await this.proposals.approve(await this.actor(head), cycleId, unit);
    }
    const approved = await this.ds.getRepository(ProposalEntity).findBy({ cycleId, status: 'approved' });
    for (const p of approved) await this.consolidation.apply(svc, p.id);
    if (approved.length)
      await this.ds
        .getRepository(ProposalEntity)
        .update({ id: In(approved.map((p) => p.id)) }, { appliedAt: new Date('2026-09-30T08:00:00Z') });
  }

  /** A contact claims the unit's first open cluster with a strongly suggested item, proposes adding the wording to it, claims a second. */
  private async propose(cycleId: number, account: string, unit: string, submit: boolean): Promise<boolean> {
    const who = await this.actor(account);
    // New work only: a wording September's change already answered is not what a contact picks up.
    const items = (await this.queue.list(who, { cycle: cycleId, kind: 'cluster', unit })).filter(
      (i) => i.status === 'open' && !i.answeredBefore,
    );
    // A miss the matcher is sure about (its top suggestion strong) is the one a contact adds as an alternate.
    const candidates = [
      ...items.filter((i) => (i.suggestions[0]?.score ?? 0) >= 0.5),
      ...items.filter((i) => i.suggestions[0] && i.suggestions[0].score < 0.5),
    ];
    // …and whose wording the item does not have yet: adding one it has would change nothing (the API refuses a no-op 修改).
    let withItem: (typeof items)[number] | undefined;
    let item: Awaited<ReturnType<KnowledgeService['get']>> | undefined;
    for (const c of candidates) {
      const it = await this.knowledge.get(c.suggestions[0].kbItemId).catch(() => null);
      if (it && ![it.question, ...it.alternates].some((text) => normalizeText(text) === normalizeText(c.title))) {
        [withItem, item] = [c, it];
        break;
      }
    }
    if (!withItem || !item) return false;
    await this.queue.claim(who, 'cluster', withItem.id);
    await this.proposals.create(who, {
      cycleId,
      kind: 'modify',
      kbItemId: item.id,
      source: { kind: 'cluster', id: withItem.id },
      reason: `民眾問法「${withItem.title}」未能回答，加入相似問句`,
      content: {
        category: item.category,
        question: item.question,
        alternates: [...item.alternates, withItem.title],
        answer: item.answer,
        keywords: item.keywords,
        ownerUnitCode: item.ownerUnitCode ?? unit,
      },
    });
    const second = items.find((i) => i.id !== withItem.id);
    if (second) await this.queue.claim(who, 'cluster', second.id);
    if (submit) await this.proposals.submit(who, cycleId, unit);
    return true;
  }

  /** 房屋稅科 has its list approved, 地價稅科 waits for its head, 消費稅科 has claimed work: a month in progress. */
  private async seedTuningWork(cycleId: number): Promise<void> {
    const propose = (account: string, unit: string, submit: boolean) => this.propose(cycleId, account, unit, submit);
    if (await propose('ht.lee', 'HT', true)) await this.proposals.approve(await this.actor('ht.head'), cycleId, 'HT');
    await propose('lv.wu', 'LV', true);
    await propose('ct.hsu', 'CT', false);
  }

  private async seedUsers(csv: Buffer): Promise<SeededUser[]> {
    const rows = parse(csv, { bom: true, columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
    const seeded: SeededUser[] = [];
    for (const row of rows) {
      const roles = row['角色'].split(';').map((r) => r.trim()) as Role[];
      const unknown = roles.filter((r) => !ROLES.includes(r));
      if (unknown.length) throw new Error(`users.csv: unknown role(s) ${unknown.join(', ')} for ${row['帳號']}`);
      const created = await this.users.create(systemActor('demo-seed'), {
        account: row['帳號'],
        displayName: row['姓名'],
        unitCode: row['單位代碼'],
        roles,
      });
      seeded.push({
        account: created.account,
        displayName: row['姓名'],
        unitCode: row['單位代碼'],
        roles,
        initialPassword: created.initialPassword,
      });
    }
    return seeded;
  }

  /**
   * The website module mid-month: the page inventory (format 5), last month's review forms —
   * 房屋稅科 and 地價稅科 approved after the due date (late), the other units never (missing) —
   * and this month's: 房屋稅科 approved with one content fix that the service section has made
   * and that now waits for 房屋稅科's re-check (複檢); 地價稅科 submitted, waiting for its head.
   */
  private async seedWebsite(dir: string): Promise<void> {
    await this.pages.import(await readFile(join(dir, 'pages.csv')), 'pages.csv', await this.actor('svc.chen'));
    const month = taipeiDay(this.clock.now()).slice(0, 7);
    const [y, m] = month.split('-').map(Number);
    const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    try {
      await this.reviews.openMonth(previous);
      await this.reviews.openMonth(month);
    } catch (error) {
      // The shipped calendar covers its years only; a later year waits for its calendar import.
      if (error instanceof DomainError && error.code === 'CALENDAR_YEAR_MISSING') {
        this.logger.warn({ month }, 'No office calendar for this month: the website reviews are not seeded');
        return;
      }
      throw error;
    }
    const review = async (month: string, unit: string, contact: string, fix?: string) => {
      const who = await this.actor(contact);
      const form = (await this.reviews.list(who, { month, unit }))[0];
      const rows = (await this.reviews.get(who, form.id)).rows;
      for (const row of rows) {
        const needsFix = fix !== undefined && row === rows[0];
        await this.reviews.setRow(
          who,
          form.id,
          row.pageId,
          needsFix ? { result: 'needs-fix', fixKind: 'content', fixNote: fix } : { result: 'correct' },
        );
      }
      await this.reviews.submit(who, form.id);
      return form.id;
    };
    for (const [unit, contact, head] of [
      ['HT', 'ht.lee', 'ht.head'],
      ['LV', 'lv.wu', 'lv.head'],
    ] as const)
      await this.reviews.approve(await this.actor(head), await review(previous, unit, contact));
    const ht = await review(month, 'HT', 'ht.lee', '房屋稅 2.0 新制的稅率表請更新為 115 年度版本');
    await this.reviews.approve(await this.actor('ht.head'), ht);
    await review(month, 'LV', 'lv.wu');
    const svc = await this.actor('svc.chen');
    for (const c of await this.corrections.list(svc, { status: 'open' }))
      if (c.formId === ht) await this.corrections.done(svc, c.id, '已依 115 年度稅率表更新頁面');
  }

  private async actor(account: string): Promise<Actor> {
    const u = await this.userRepo.findByAccount(account);
    if (!u) throw new Error(`demo seed: no user ${account}`);
    return {
      userId: u.id,
      account: u.account,
      unitCode: u.unitCode,
      roles: new Set((u.roleRows ?? []).map((r) => r.role)),
      sessionKey: null,
      passwordChangeRequired: null,
      requestId: null,
      clientIp: null,
    };
  }

  /** Mid-month: one request waiting for a unit head, one for the service section, one finished. */
  private async seedAccountRequests(): Promise<void> {
    const today = taipeiDay(this.clock.now());
    const inDays = (n: number) => taipeiDay(new Date(this.clock.now().getTime() + n * DAY_MS));
    await this.requests.create(await this.actor('ht.lee'), {
      kind: AccountRequestKind.ChangeRoles,
      account: 'ht.lee',
      unitCode: 'HT',
      requestedRoles: [Role.KnowledgeContact, Role.UnitHead],
      reason: AccountRequestReason.Other,
      reasonNote: '科長休假期間代理核章',
      effectiveDate: inDays(3),
    });
    const ct = await this.requests.create(await this.actor('ct.hsu'), {
      kind: AccountRequestKind.ChangeRoles,
      account: 'ct.hsu',
      unitCode: 'CT',
      requestedRoles: [Role.KnowledgeContact, Role.GroupLeader],
      reason: AccountRequestReason.Transferred,
      effectiveDate: inDays(7),
    });
    await this.requests.decide(await this.actor('ct.head'), ct.id, true, { comment: '同意' });
    const created = await this.requests.create(await this.actor('admin'), {
      kind: AccountRequestKind.Create,
      account: 'it.chou',
      displayName: '周育成',
      extension: '6123',
      unitCode: 'IT',
      requestedRoles: [Role.ItSection],
      reason: AccountRequestReason.Joined,
      effectiveDate: today,
    });
    await this.requests.decide(await this.actor('it.head'), created.id, true, { comment: '新進同仁，同意開通' });
    await this.requests.accept(await this.actor('svc.chen'), created.id, { comment: '已開通' });
  }
}
