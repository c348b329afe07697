import { HttpStatus } from '@nestjs/common';
import { AccountRequestKind, AccountRequestReason, ALL_UNIT_ROLES, Role, ROLES } from '@tunedesk/contracts';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { Client, GOOD_PASSWORD, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { declaredRoutes } from '../../../../test/support/routes';
import { AccountRequestsService } from '../account-requests/account-requests.service';
import { Actor } from '../common/actor';
import { JobQueue } from '../jobs/job-queue.service';
import { JobName } from '../jobs/job-catalogue';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { CycleService } from '../reports/cycle.service';
import { ReportImportService } from '../reports/report-import.service';
import { OrgService } from '../org/org.service';
import { UsersRepository } from '../org/users.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { NotificationEntity, OPEN_WORK, ReviewItemEntity } from '../tuning/tuning.entities';
import { ProposalEntity, ProposalListEntity } from '../proposals/proposal.entities';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { TuningSettingsService } from '../tuning/tuning-settings.service';
import { DataSource } from 'typeorm';
import { PagesService } from '../website/pages.service';
import { CorrectionEntity, ReviewFormEntity, ReviewRowEntity } from '../website/website.entities';

type Scope = 'own' | 'other';
const KB_CSV = readFileSync(join(__dirname, '../../../../test/fixtures/kb/ok/kb.csv'));
const CALENDAR_CSV = readFileSync(join(__dirname, '../../../../test/fixtures/calendar/calendar-2026.csv'));
const OWN = 'HT';
const OTHER = 'LV';
const ERROR_KEYS = ['statusCode', 'code', 'message', 'details', 'requestId'];

/** What each role may do, route by route: the specification the guard and the services must meet. */
const roleIn =
  (...roles: Role[]) =>
  (role: Role) =>
    roles.includes(role);
const wide = (role: Role) => ALL_UNIT_ROLES.includes(role);
const USER_READERS = roleIn(Role.SystemAdmin, Role.GroupLeader, Role.ServiceSection, Role.Auditor, Role.UnitHead);

interface Ctx {
  t: TestApp;
  client: Client;
  role: Role;
  scope: Scope;
  unit: string;
  seq: () => string;
}

interface RouteCase {
  call(ctx: Ctx): Promise<Response>;
  expected(role: Role, scope: Scope): number;
}

let seqNo = 0;

async function actorOf(t: TestApp, account: string): Promise<Actor> {
  const u = (await t.app.get(UsersRepository).findByAccount(account))!;
  return {
    userId: u.id,
    account: u.account,
    unitCode: u.unitCode,
    roles: new Set(u.roleRows.map((r) => r.role)),
    sessionKey: null,
    passwordChangeRequired: null,
    requestId: null,
    clientIp: null,
  };
}

/** A request filed by a fresh knowledge contact of `unit` about themselves, optionally already approved. */
async function freshRequest(ctx: Ctx, approved = false): Promise<number> {
  const contact = await makeUser(ctx.t, { account: `kc${ctx.seq()}`, unitCode: ctx.unit, roles: [Role.KnowledgeContact] });
  const service = ctx.t.app.get(AccountRequestsService);
  const r = await service.create(await actorOf(ctx.t, contact.account), {
    kind: AccountRequestKind.ChangeRoles,
    account: contact.account,
    unitCode: ctx.unit,
    requestedRoles: [Role.KnowledgeContact, Role.GroupLeader],
    reason: AccountRequestReason.Transferred,
    effectiveDate: '2027-01-04',
  });
  if (approved) await service.decide(await actorOf(ctx.t, `head.${ctx.unit.toLowerCase()}`), r.id, true, {});
  return r.id;
}

const targets: Record<Scope, { userId: number; requestId: number }> = {
  own: { userId: 0, requestId: 0 },
  other: { userId: 0, requestId: 0 },
};
let jobId = '';
const report = { importId: 0, cycleId: 0, clusterId: 0 };
/** A review item of each scope's unit in the report's cycle. */
const reviewItems: Record<Scope, number> = { own: 0, other: 0 };
const TUNING_READERS = roleIn(Role.ServiceSection, Role.SystemAdmin, Role.GroupLeader);
const TUNING_EDITORS = roleIn(Role.ServiceSection, Role.SystemAdmin);

async function freshProfile(ctx: Ctx): Promise<number> {
  const admin = await actorOf(ctx.t, 'system-admin.ht');
  return (await ctx.t.app.get(TuningSettingsService).createProfile(admin, { name: `vendor ${ctx.seq()}`, aliases: { log: {} } })).id;
}
async function freshSynonym(ctx: Ctx): Promise<number> {
  const admin = await actorOf(ctx.t, 'system-admin.ht');
  return (await ctx.t.app.get(TuningSettingsService).createSynonym(admin, { term: `詞${ctx.seq()}`, variants: [`變${ctx.seq()}`] })).id;
}
async function freshRule(ctx: Ctx): Promise<number> {
  const admin = await actorOf(ctx.t, 'system-admin.ht');
  return (await ctx.t.app.get(TuningSettingsService).createRule(admin, { keyword: `kw${ctx.seq()}`, unitCode: ctx.unit })).id;
}
const WORKER = roleIn(Role.KnowledgeContact, Role.GroupLeader);
const CONSOLIDATION_READERS = roleIn(Role.ServiceSection, Role.GroupLeader, Role.SystemAdmin, Role.Auditor);
/** Working an item: the unit's contact, or the group leader anywhere; another unit's item does not exist for a contact. */
const WORKS = (r: Role, s: Scope) => (r === Role.GroupLeader ? 200 : r === Role.KnowledgeContact ? (s === 'own' ? 200 : 404) : 403);
const READS_UNIT = (r: Role, s: Scope) => (wide(r) || s === 'own' ? 200 : 404);

async function userId(ctx: Ctx, account: string): Promise<number> {
  return (await ctx.t.app.get(UsersRepository).findByAccount(account))!.id;
}

/** A fresh cluster of the scope's unit in the report's cycle, optionally claimed by the caller. */
async function freshCluster(ctx: Ctx, claimedByCaller = false): Promise<number> {
  const repo = ctx.t.app.get(DataSource).getRepository(MissClusterEntity);
  const base = (await repo.findOneBy({ id: report.clusterId }))!;
  const { id: _id, ...rest } = base;
  const row = await repo.save(
    repo.create({
      ...rest,
      clusterNo: 10_000 + Number(ctx.seq()),
      representativeKey: `matrix-${ctx.seq()}`,
      routedUnitCode: ctx.unit,
      ...OPEN_WORK,
      ...(claimedByCaller
        ? { queueStatus: 'claimed', claimedBy: await userId(ctx, `${ctx.role}.${OWN.toLowerCase()}`), claimedAt: new Date() }
        : {}),
    }),
  );
  return row.id;
}

/** A cycle of its own with a list of the scope's unit in the given state and one proposal in it. */
async function freshList(ctx: Ctx, status: 'in-progress' | 'submitted'): Promise<{ cycleId: number; proposalId: number }> {
  const ds = ctx.t.app.get(DataSource);
  const now = new Date();
  const cycle = await ds.getRepository(TuningCycleEntity).save(
    ds.getRepository(TuningCycleEntity).create({
      kind: 'regular',
      month: `${3000 + Number(ctx.seq())}-01`,
      label: 'matrix',
      dueDate: null,
      importId: null,
      announcedAt: null,
      announcedBy: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  const proposal = await freshProposal(ctx, cycle.id, status === 'in-progress' ? 'draft' : 'submitted');
  await ds.getRepository(ProposalListEntity).insert({
    cycleId: cycle.id,
    unitCode: ctx.unit,
    status,
    submittedBy: null,
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    updatedAt: now,
  });
  return { cycleId: cycle.id, proposalId: proposal };
}

async function freshProposal(ctx: Ctx, cycleId = report.cycleId, status = 'draft'): Promise<number> {
  const repo = ctx.t.app.get(DataSource).getRepository(ProposalEntity);
  const now = new Date();
  return (
    await repo.save(
      repo.create({
        cycleId,
        unitCode: ctx.unit,
        kind: 'delete',
        kbItemId: ctx.unit === OWN ? 'HT-0006' : 'LV-0005',
        content: null,
        reason: 'matrix',
        sourceKind: null,
        sourceId: null,
        status,
        returnComment: null,
        deferReason: null,
        newItemId: null,
        createdBy: 'matrix',
        createdAt: now,
        updatedAt: now,
      }),
    )
  ).id;
}

/** A notification of the caller (own) or of someone else (other). */
async function freshNotification(ctx: Ctx): Promise<number> {
  const account = ctx.scope === 'own' ? `${ctx.role}.${OWN.toLowerCase()}` : `target.${OTHER.toLowerCase()}`;
  const user = (await ctx.t.app.get(UsersRepository).findByAccount(account))!;
  await ctx.t.app.get(NotificationsService).notify([user.id], { kind: 'test', title: { 'zh-TW': '測試', en: 'test' }, link: null });
  return (await ctx.t.app
    .get(DataSource)
    .getRepository(NotificationEntity)
    .findOne({ where: { userId: user.id }, order: { id: 'DESC' } }))!.id;
}

/** A page of the scope's unit, made by the administrator. */
async function freshPage(ctx: Ctx): Promise<string> {
  const pageId = `M${ctx.seq()}`;
  await ctx.t.app.get(PagesService).create(await actorOf(ctx.t, 'system-admin.ht'), {
    pageId,
    menuPath: ['矩陣', pageId],
    title: `矩陣 ${pageId}`,
    url: `https://www.tytax.gov.tw/cp.aspx?n=${pageId}`,
    ownerUnitCode: ctx.unit,
  });
  return pageId;
}

/** A review form of the scope's unit in a month of its own, with one page reviewed (or not) and the given status. */
async function freshForm(
  ctx: Ctx,
  status: 'draft' | 'submitted' | 'correcting',
  result: 'correct' | 'needs-fix' | null = null,
): Promise<{ formId: number; pageId: string; rowId: number }> {
  const ds = ctx.t.app.get(DataSource);
  const pageId = await freshPage(ctx);
  const now = new Date();
  const form = await ds.getRepository(ReviewFormEntity).save(
    ds.getRepository(ReviewFormEntity).create({
      unitCode: ctx.unit,
      month: `${3000 + Number(ctx.seq())}-01`,
      status,
      dueDate: '2026-11-10',
      reviewerBy: null,
      reviewerAt: null,
      headBy: null,
      headAt: null,
      headApproved: null,
      headNote: null,
      approvedAt: status === 'correcting' ? now : null,
      filedBy: null,
      filedAt: null,
      completedBy: null,
      completedAt: null,
      remindedOn: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  const row = await ds.getRepository(ReviewRowEntity).save(
    ds.getRepository(ReviewRowEntity).create({
      formId: form.id,
      pageId,
      menuPath: `矩陣 > ${pageId}`,
      title: pageId,
      url: 'https://www.tytax.gov.tw/',
      result,
      fixKind: result === 'needs-fix' ? 'content' : null,
      fixNote: result === 'needs-fix' ? '更新' : null,
      updatedAt: now,
    }),
  );
  return { formId: form.id, pageId, rowId: row.id };
}

/** A correction ticket of the scope's unit in the given state: content on the own unit, program on the other. */
async function freshCorrection(ctx: Ctx, status: 'open' | 'done' | 'rechecked'): Promise<number> {
  const ds = ctx.t.app.get(DataSource);
  const { formId, pageId, rowId } = await freshForm(ctx, 'correcting', 'needs-fix');
  const kind = ctx.scope === 'own' ? 'content' : 'program';
  const now = new Date();
  const c = await ds.getRepository(CorrectionEntity).save(
    ds.getRepository(CorrectionEntity).create({
      formId,
      rowId,
      pageId,
      kind,
      sectionCode: kind === 'content' ? 'SVC' : 'IT',
      what: '更新',
      status,
      openedBy: targets.own.userId,
      openedAt: now,
      doneBy: status === 'open' ? null : targets.own.userId,
      doneAt: status === 'open' ? null : now,
      doneNote: null,
      recheckedBy: status === 'rechecked' ? targets.own.userId : null,
      recheckedAt: status === 'rechecked' ? now : null,
      recheckOk: status === 'rechecked' ? true : null,
      recheckNote: null,
      publishedBy: null,
      publishedAt: null,
      publishedNote: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return c.id;
}
const REVIEWER = (r: Role, s: Scope) => (r === Role.KnowledgeContact || r === Role.UnitHead ? (s === 'own' ? 200 : 404) : 403);
const COMPLIANCE_READERS = roleIn(Role.ServiceSection, Role.Auditor, Role.ComplianceOfficer, Role.GroupLeader, Role.SystemAdmin);
const PAGE_EDITORS = roleIn(Role.ServiceSection, Role.SystemAdmin);

const CASES: Record<string, RouteCase> = {
  'GET /api/health': { call: (c) => c.client.get('/api/health'), expected: () => 200 },
  'GET /api/auth/csrf': { call: (c) => c.client.get('/api/auth/csrf'), expected: () => 204 },
  'POST /api/auth/login': { call: (c) => new Client(c.t).login(`${c.role}.${OWN.toLowerCase()}`, GOOD_PASSWORD), expected: () => 200 },
  'GET /api/auth/me': { call: (c) => c.client.get('/api/auth/me'), expected: () => 200 },
  'PATCH /api/auth/me': { call: (c) => c.client.patch('/api/auth/me', { extension: `${1000 + (seqNo % 8000)}` }), expected: () => 200 },
  'POST /api/auth/password': {
    async call(c) {
      const u = await makeUser(c.t, { account: `pw${c.seq()}`, unitCode: c.unit, roles: [c.role] });
      const fresh = await signedIn(c.t, u.account);
      return fresh.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: `Matrix-Change#${c.seq()}` });
    },
    expected: () => 200,
  },
  'POST /api/auth/logout': {
    call: async (c) => (await signedIn(c.t, `${c.role}.${OWN.toLowerCase()}`)).post('/api/auth/logout'),
    expected: () => 204,
  },
  'GET /api/auth/sessions': { call: (c) => c.client.get('/api/auth/sessions'), expected: () => 200 },
  'DELETE /api/auth/sessions/:id': {
    async call(c) {
      const second = await signedIn(c.t, `${c.role}.${OWN.toLowerCase()}`);
      const mine = ((await second.get('/api/auth/sessions')).body as { id: string; current: boolean }[]).find((s) => s.current)!;
      return c.client.delete(`/api/auth/sessions/${mine.id}`);
    },
    expected: () => 204,
  },
  'GET /api/units': { call: (c) => c.client.get('/api/units'), expected: () => 200 },
  'GET /api/units/:code': { call: (c) => c.client.get(`/api/units/${c.unit}`), expected: () => 200 },
  'POST /api/units': {
    call: (c) => c.client.post('/api/units', { code: `N${c.seq()}`, name: `測試單位${c.seq()}`, kind: '科' }),
    expected: (r) => (r === Role.SystemAdmin ? 201 : 403),
  },
  'PATCH /api/units/:code': {
    call: (c) => c.client.patch(`/api/units/${c.unit}`, { active: true }),
    expected: (r) => (r === Role.SystemAdmin ? 200 : 403),
  },
  'DELETE /api/units/:code': {
    async call(c) {
      const code = `D${c.seq()}`;
      await c.t.app.get(OrgService).createUnit(await actorOf(c.t, 'system-admin.ht'), { code, name: `待刪單位${code}`, kind: '室' });
      return c.client.delete(`/api/units/${code}`);
    },
    expected: (r) => (r === Role.SystemAdmin ? 204 : 403),
  },
  'GET /api/users': {
    call: (c) => c.client.get(`/api/users?unit=${c.unit}`),
    expected: (r, s) => (!USER_READERS(r) ? 403 : wide(r) || s === 'own' ? 200 : 403),
  },
  'GET /api/users/:id': {
    call: (c) => c.client.get(`/api/users/${targets[c.scope].userId}`),
    expected: (r, s) => (!USER_READERS(r) ? 403 : wide(r) || s === 'own' ? 200 : 404),
  },
  'POST /api/users': {
    call: (c) =>
      c.client.post('/api/users', { account: `new${c.seq()}`, displayName: '新同仁', unitCode: c.unit, roles: [Role.KnowledgeContact] }),
    expected: (r) => (r === Role.SystemAdmin ? 201 : 403),
  },
  'PATCH /api/users/:id': {
    call: (c) => c.client.patch(`/api/users/${targets[c.scope].userId}`, { extension: '5566' }),
    expected: (r) => (r === Role.SystemAdmin ? 200 : 403),
  },
  'POST /api/users/:id/reset-password': {
    call: (c) => c.client.post(`/api/users/${targets[c.scope].userId}/reset-password`),
    expected: (r) => (r === Role.SystemAdmin ? 200 : 403),
  },
  'POST /api/users/:id/unlock': {
    call: (c) => c.client.post(`/api/users/${targets[c.scope].userId}/unlock`),
    expected: (r) => (r === Role.SystemAdmin ? 200 : 403),
  },
  'GET /api/audit': {
    call: (c) => c.client.get('/api/audit?pageSize=5'),
    expected: (r) => (roleIn(Role.Auditor, Role.SystemAdmin)(r) ? 200 : 403),
  },
  'GET /api/audit/verify': {
    call: (c) => c.client.get('/api/audit/verify'),
    expected: (r) => (roleIn(Role.Auditor, Role.SystemAdmin)(r) ? 200 : 403),
  },
  'GET /api/audit/export': {
    call: (c) => c.client.get(`/api/audit/export?unit=${c.unit}`),
    expected: (r) => (roleIn(Role.Auditor, Role.SystemAdmin)(r) ? 200 : 403),
  },
  'GET /api/kb/items': { call: (c) => c.client.get(`/api/kb/items?unit=${c.unit}`), expected: () => 200 },
  'GET /api/kb/categories': { call: (c) => c.client.get('/api/kb/categories'), expected: () => 200 },
  'GET /api/kb/search': { call: (c) => c.client.get(`/api/kb/search?q=${encodeURIComponent('房屋稅什麼時候繳')}`), expected: () => 200 },
  'GET /api/kb/health': { call: (c) => c.client.get('/api/kb/health'), expected: () => 200 },
  'GET /api/kb/export': { call: (c) => c.client.get('/api/kb/export?format=csv'), expected: () => 200 },
  'GET /api/kb/items/:id': { call: (c) => c.client.get(`/api/kb/items/${c.unit}-0001`), expected: () => 200 },
  'GET /api/kb/items/:id/versions': { call: (c) => c.client.get(`/api/kb/items/${c.unit}-0001/versions`), expected: () => 200 },
  'GET /api/kb/items/:id/diff': { call: (c) => c.client.get(`/api/kb/items/${c.unit}-0001/diff?from=1&to=1`), expected: () => 200 },
  'PATCH /api/kb/items/:id/status': {
    call: (c) => c.client.patch(`/api/kb/items/${c.unit}-0001/status`, { status: seqNo % 2 ? 'disabled' : 'published', reason: 'matrix' }),
    expected: (r) => (r === Role.SystemAdmin ? 200 : 403),
  },
  'POST /api/kb/import': {
    call: (c) => c.client.upload('/api/kb/import', 'file', KB_CSV, 'kb.csv'),
    expected: (r) => (r === Role.SystemAdmin ? 200 : 403),
  },
  'POST /api/reports/imports': {
    call: (c) => {
      const n = Number(c.seq());
      const csv = `提問時間,會話編號,管道,使用者問句,回應類型\r\n${2000 + n}-01-05 10:00:00,S1,官網,房屋稅問題${n},未能回答\r\n`;
      return c.client.upload('/api/reports/imports', 'file', Buffer.from(csv), `r${n}.csv`);
    },
    expected: (r) => (roleIn(Role.ServiceSection, Role.SystemAdmin)(r) ? 202 : 403),
  },
  'GET /api/reports/imports': { call: (c) => c.client.get('/api/reports/imports'), expected: () => 200 },
  'GET /api/reports/imports/:id': { call: (c) => c.client.get(`/api/reports/imports/${report.importId}`), expected: () => 200 },
  'GET /api/reports/imports/:id/rejected': {
    call: (c) => c.client.get(`/api/reports/imports/${report.importId}/rejected`),
    expected: () => 200,
  },
  'GET /api/reports/imports/:id/rejected.csv': {
    call: (c) => c.client.get(`/api/reports/imports/${report.importId}/rejected.csv`),
    expected: () => 200,
  },
  'GET /api/reports/imports/:id/rejected.xlsx': {
    call: (c) => c.client.get(`/api/reports/imports/${report.importId}/rejected.xlsx`),
    expected: () => 200,
  },
  'GET /api/reports/imports/:id/rejected.ods': {
    call: (c) => c.client.get(`/api/reports/imports/${report.importId}/rejected.ods`),
    expected: () => 200,
  },
  'POST /api/reports/imports/:id/cancel': {
    // A finished import cannot be cancelled: the roles that may try get 409.
    call: (c) => c.client.post(`/api/reports/imports/${report.importId}/cancel`),
    expected: (r) => (roleIn(Role.ServiceSection, Role.SystemAdmin)(r) ? 409 : 403),
  },
  'GET /api/cycles': { call: (c) => c.client.get('/api/cycles'), expected: () => 200 },
  'GET /api/cycles/:id': { call: (c) => c.client.get(`/api/cycles/${report.cycleId}`), expected: () => 200 },
  'POST /api/cycles/:id/announce': {
    call: (c) => c.client.post(`/api/cycles/${report.cycleId}/announce`),
    expected: (r) => (r === Role.ServiceSection ? 200 : 403),
  },
  'GET /api/cycles/:id/clusters': {
    call: (c) => c.client.get(`/api/cycles/${report.cycleId}/clusters?unit=${c.unit}`),
    expected: () => 200,
  },
  'GET /api/cycles/:id/clusters/export': {
    call: (c) => c.client.get(`/api/cycles/${report.cycleId}/clusters/export?format=csv`),
    expected: () => 200,
  },
  'GET /api/cycles/:id/review-items': {
    call: (c) => c.client.get(`/api/cycles/${report.cycleId}/review-items?unit=${c.unit}`),
    expected: (r, s) => (wide(r) || s === 'own' ? 200 : 403),
  },
  'PATCH /api/review-items/:id': {
    call: (c) => c.client.patch(`/api/review-items/${reviewItems[c.scope]}`, { status: 'done', note: 'matrix' }),
    // The unit's contacts, the group leader and the service section work the queue; another unit's item does not exist for a contact.
    expected: (r, s) =>
      roleIn(Role.GroupLeader, Role.ServiceSection, Role.SystemAdmin)(r)
        ? 200
        : r === Role.KnowledgeContact
          ? s === 'own'
            ? 200
            : 404
          : 403,
  },
  'GET /api/tuning/report-fields': {
    call: (c) => c.client.get('/api/tuning/report-fields'),
    expected: (r) => (TUNING_READERS(r) ? 200 : 403),
  },
  'GET /api/tuning/import-profiles': {
    call: (c) => c.client.get('/api/tuning/import-profiles'),
    expected: (r) => (TUNING_READERS(r) ? 200 : 403),
  },
  'POST /api/tuning/import-profiles': {
    call: (c) =>
      c.client.post('/api/tuning/import-profiles', { name: `vendor ${c.seq()}`, aliases: { log: { question: [`提問${c.seq()}`] } } }),
    expected: (r) => (TUNING_EDITORS(r) ? 201 : 403),
  },
  'PUT /api/tuning/import-profiles/:id': {
    call: async (c) => c.client.put(`/api/tuning/import-profiles/${await freshProfile(c)}`, { name: `vendor ${c.seq()}`, aliases: {} }),
    expected: (r) => (TUNING_EDITORS(r) ? 200 : 403),
  },
  'DELETE /api/tuning/import-profiles/:id': {
    call: async (c) => c.client.delete(`/api/tuning/import-profiles/${await freshProfile(c)}`),
    expected: (r) => (TUNING_EDITORS(r) ? 204 : 403),
  },
  'GET /api/tuning/synonyms': { call: (c) => c.client.get('/api/tuning/synonyms'), expected: (r) => (TUNING_READERS(r) ? 200 : 403) },
  'POST /api/tuning/synonyms': {
    call: (c) => c.client.post('/api/tuning/synonyms', { term: `詞${c.seq()}`, variants: [`變${c.seq()}`] }),
    expected: (r) => (TUNING_EDITORS(r) ? 201 : 403),
  },
  'PUT /api/tuning/synonyms/:id': {
    call: async (c) => c.client.put(`/api/tuning/synonyms/${await freshSynonym(c)}`, { term: `詞${c.seq()}`, variants: [`變${c.seq()}`] }),
    expected: (r) => (TUNING_EDITORS(r) ? 200 : 403),
  },
  'DELETE /api/tuning/synonyms/:id': {
    call: async (c) => c.client.delete(`/api/tuning/synonyms/${await freshSynonym(c)}`),
    expected: (r) => (TUNING_EDITORS(r) ? 204 : 403),
  },
  'GET /api/tuning/routing-rules': {
    call: (c) => c.client.get('/api/tuning/routing-rules'),
    expected: (r) => (TUNING_READERS(r) ? 200 : 403),
  },
  'POST /api/tuning/routing-rules': {
    call: (c) => c.client.post('/api/tuning/routing-rules', { keyword: `kw${c.seq()}`, unitCode: c.unit }),
    expected: (r) => (TUNING_EDITORS(r) ? 201 : 403),
  },
  'POST /api/tuning/routing-rules/test': {
    call: (c) => c.client.post('/api/tuning/routing-rules/test', { text: '房屋稅怎麼繳' }),
    expected: (r) => (TUNING_READERS(r) ? 200 : 403),
  },
  'PUT /api/tuning/routing-rules/:id': {
    call: async (c) => c.client.put(`/api/tuning/routing-rules/${await freshRule(c)}`, { keyword: `kw${c.seq()}`, unitCode: c.unit }),
    expected: (r) => (TUNING_EDITORS(r) ? 200 : 403),
  },
  'DELETE /api/tuning/routing-rules/:id': {
    call: async (c) => c.client.delete(`/api/tuning/routing-rules/${await freshRule(c)}`),
    expected: (r) => (TUNING_EDITORS(r) ? 204 : 403),
  },
  'GET /api/home': { call: (c) => c.client.get('/api/home'), expected: () => 200 },
  'GET /api/notifications': { call: (c) => c.client.get('/api/notifications'), expected: () => 200 },
  'POST /api/notifications/read-all': { call: (c) => c.client.post('/api/notifications/read-all'), expected: () => 204 },
  'POST /api/notifications/:id/read': {
    call: async (c) => c.client.post(`/api/notifications/${await freshNotification(c)}/read`),
    expected: (_, s) => (s === 'own' ? 204 : 404),
  },
  'GET /api/queue': {
    call: (c) => c.client.get(`/api/queue?cycle=${report.cycleId}&unit=${c.unit}`),
    expected: (r, s) => (wide(r) || s === 'own' ? 200 : 403),
  },
  'GET /api/cycles/:id/list-state': {
    call: (c) => c.client.get(`/api/cycles/${report.cycleId}/list-state`),
    expected: (r) => (WORKER(r) ? 200 : 403),
  },
  'GET /api/queue/cycles': {
    call: (c) => c.client.get(`/api/queue/cycles?unit=${c.unit}`),
    expected: (r, s) => (wide(r) || s === 'own' ? 200 : 403),
  },
  'POST /api/queue/bulk': {
    call: async (c) =>
      c.client.post('/api/queue/bulk', { action: 'close', reason: 'chit-chat', items: [{ kind: 'cluster', id: await freshCluster(c) }] }),
    expected: (r) => (WORKER(r) ? 200 : 403),
  },
  'GET /api/queue/:kind/:id': {
    call: async (c) => c.client.get(`/api/queue/cluster/${await freshCluster(c)}`),
    expected: READS_UNIT,
  },
  'POST /api/queue/:kind/:id/claim': {
    call: async (c) => c.client.post(`/api/queue/cluster/${await freshCluster(c)}/claim`),
    expected: WORKS,
  },
  'POST /api/queue/:kind/:id/release': {
    call: async (c) => c.client.post(`/api/queue/cluster/${await freshCluster(c, true)}/release`),
    expected: WORKS,
  },
  'POST /api/queue/:kind/:id/close': {
    call: async (c) => c.client.post(`/api/queue/cluster/${await freshCluster(c)}/close`, { reason: 'not-ours' }),
    expected: WORKS,
  },
  'POST /api/queue/:kind/:id/reassign': {
    call: async (c) => c.client.post(`/api/queue/cluster/${await freshCluster(c)}/reassign`, { unitCode: 'SVC', reason: 'matrix' }),
    expected: WORKS,
  },
  'POST /api/queue/cluster/:id/merge': {
    call: async (c) => c.client.post(`/api/queue/cluster/${await freshCluster(c)}/merge`, { intoId: await freshCluster(c) }),
    expected: WORKS,
  },
  'POST /api/queue/cluster/:id/split': {
    call: async (c) => {
      const id = await freshCluster(c);
      const cluster = (await c.t.app.get(DataSource).getRepository(MissClusterEntity).findOneBy({ id }))!;
      const [, second] = JSON.parse(cluster.wordings) as { text: string }[];
      return c.client.post(`/api/queue/cluster/${id}/split`, { wordings: [second.text] });
    },
    expected: WORKS,
  },
  'POST /api/proposals': {
    call: (c) => c.client.post('/api/proposals', { cycleId: report.cycleId, kind: 'delete', kbItemId: 'HT-0006', reason: 'matrix' }),
    expected: (r) => (WORKER(r) ? 201 : 403),
  },
  'POST /api/proposals/warnings': {
    call: (c) => c.client.post('/api/proposals/warnings', { cycleId: report.cycleId, kind: 'delete', kbItemId: 'HT-0006', reason: 'x' }),
    expected: (r) => (WORKER(r) ? 200 : 403),
  },
  'GET /api/proposals/:id': { call: async (c) => c.client.get(`/api/proposals/${await freshProposal(c)}`), expected: READS_UNIT },
  'PUT /api/proposals/:id': {
    call: async (c) =>
      c.client.put(`/api/proposals/${await freshProposal(c)}`, {
        cycleId: report.cycleId,
        kind: 'delete',
        kbItemId: c.unit === OWN ? 'HT-0006' : 'LV-0005',
        reason: 'matrix again',
      }),
    expected: WORKS,
  },
  'DELETE /api/proposals/:id': {
    call: async (c) => c.client.delete(`/api/proposals/${await freshProposal(c)}`),
    expected: (r, s) => (r === Role.KnowledgeContact ? (s === 'own' ? 204 : 404) : 403),
  },
  'GET /api/cycles/:id/lists': { call: (c) => c.client.get(`/api/cycles/${report.cycleId}/lists`), expected: () => 200 },
  'GET /api/cycles/:id/lists/:unit': {
    call: (c) => c.client.get(`/api/cycles/${report.cycleId}/lists/${c.unit}`),
    expected: (r, s) => (wide(r) || s === 'own' ? 200 : 403),
  },
  'POST /api/cycles/:id/lists/:unit/submit': {
    call: async (c) => c.client.post(`/api/cycles/${(await freshList(c, 'in-progress')).cycleId}/lists/${c.unit}/submit`),
    expected: (r, s) => (r === Role.KnowledgeContact && s === 'own' ? 200 : 403),
  },
  'POST /api/cycles/:id/lists/:unit/approve': {
    call: async (c) => c.client.post(`/api/cycles/${(await freshList(c, 'submitted')).cycleId}/lists/${c.unit}/approve`),
    expected: (r, s) => (r === Role.UnitHead && s === 'own' ? 200 : 403),
  },
  'POST /api/cycles/:id/lists/:unit/return': {
    async call(c) {
      const l = await freshList(c, 'submitted');
      return c.client.post(`/api/cycles/${l.cycleId}/lists/${c.unit}/return`, { comments: { [l.proposalId]: '請修正' } });
    },
    expected: (r, s) => (r === Role.UnitHead && s === 'own' ? 200 : 403),
  },
  'GET /api/cycles/:id/consolidation': {
    call: (c) => c.client.get(`/api/cycles/${report.cycleId}/consolidation`),
    expected: (r) => (CONSOLIDATION_READERS(r) ? 200 : 403),
  },
  'PUT /api/cycles/:id/change-set/order': {
    call: (c) => c.client.put(`/api/cycles/${report.cycleId}/change-set/order`, { proposalIds: [] }),
    expected: (r) => (r === Role.ServiceSection ? 204 : 403),
  },
  'GET /api/cycles/:id/change-set': {
    call: (c) => c.client.get(`/api/cycles/${report.cycleId}/change-set?format=csv`),
    expected: (r) => (CONSOLIDATION_READERS(r) ? 200 : 403),
  },
  'POST /api/cycles/:id/change-set/sent': {
    call: async (c) => c.client.post(`/api/cycles/${(await freshList(c, 'in-progress')).cycleId}/change-set/sent`),
    expected: (r) => (r === Role.ServiceSection ? 204 : 403),
  },
  'POST /api/cycles/:id/reconcile': {
    call: (c) => c.client.upload(`/api/cycles/${report.cycleId}/reconcile`, 'file', KB_CSV, 'kb.csv'),
    expected: (r) => (r === Role.ServiceSection ? 200 : 403),
  },
  'POST /api/proposals/:id/defer': {
    call: async (c) => c.client.post(`/api/proposals/${await freshProposal(c, report.cycleId, 'approved')}/defer`, { reason: 'matrix' }),
    expected: (r) => (r === Role.ServiceSection ? 204 : 403),
  },
  'POST /api/proposals/:id/carry': {
    call: async (c) =>
      c.client.post(`/api/proposals/${await freshProposal(c, report.cycleId, 'deferred')}/carry`, { cycleId: report.cycleId }),
    expected: (r) => (r === Role.ServiceSection ? 204 : 403),
  },
  'POST /api/proposals/:id/apply': {
    call: async (c) => c.client.post(`/api/proposals/${await freshProposal(c, report.cycleId, 'approved')}/apply`),
    expected: (r) => (r === Role.ServiceSection ? 204 : 403),
  },
  'GET /api/calendar': { call: (c) => c.client.get('/api/calendar?year=2026'), expected: () => 200 },
  'GET /api/duties': { call: (c) => c.client.get('/api/duties?year=2026'), expected: () => 200 },
  'POST /api/calendar/import': {
    call: (c) => c.client.upload('/api/calendar/import', 'file', CALENDAR_CSV, 'calendar-2026.csv'),
    expected: (r) => (r === Role.SystemAdmin ? 200 : 403),
  },
  'GET /api/dashboard/quality': { call: (c) => c.client.get('/api/dashboard/quality'), expected: () => 200 },
  'GET /api/dashboard/quality/:month/days': { call: (c) => c.client.get('/api/dashboard/quality/2026-09/days'), expected: () => 200 },
  'GET /api/dashboard/quality/:month/breakdown': {
    call: (c) => c.client.get('/api/dashboard/quality/2026-09/breakdown'),
    expected: () => 200,
  },
  'GET /api/dashboard/items/:month': { call: (c) => c.client.get('/api/dashboard/items/2026-09'), expected: () => 200 },
  'GET /api/dashboard/items/:month/overview': {
    call: (c) => c.client.get('/api/dashboard/items/2026-09/overview'),
    expected: () => 200,
  },
  'GET /api/dashboard/misses/:month': { call: (c) => c.client.get('/api/dashboard/misses/2026-09'), expected: () => 200 },
  'GET /api/dashboard/progress': {
    // The tuning team reads progress; contacts and unit heads their own unit only (another unit's filter → 403).
    call: (c) => c.client.get(`/api/dashboard/progress?unit=${c.unit}`),
    expected: (r, scope) =>
      roleIn(Role.GroupLeader, Role.ServiceSection, Role.Auditor, Role.SystemAdmin)(r)
        ? 200
        : roleIn(Role.KnowledgeContact, Role.UnitHead)(r)
          ? scope === 'own'
            ? 200
            : 403
          : 403,
  },
  'GET /api/dashboard/effect': {
    call: (c) => c.client.get(`/api/dashboard/effect?unit=${c.unit}`),
    expected: (r, scope) =>
      roleIn(Role.GroupLeader, Role.ServiceSection, Role.Auditor, Role.SystemAdmin)(r)
        ? 200
        : roleIn(Role.KnowledgeContact, Role.UnitHead)(r)
          ? scope === 'own'
            ? 200
            : 403
          : 403,
  },
  'POST /api/dashboard/effect/:proposalId/send-back': {
    // A draft proposal has no effect to judge: the roles that may send back get 404.
    call: async (c) => c.client.post(`/api/dashboard/effect/${await freshProposal(c)}/send-back`),
    expected: (r) => (roleIn(Role.GroupLeader, Role.ServiceSection)(r) ? 404 : 403),
  },
  'GET /api/dashboard/summary/:month': {
    call: (c) => c.client.get('/api/dashboard/summary/2026-09'),
    expected: (r) => (roleIn(Role.ServiceSection, Role.GroupLeader, Role.Auditor, Role.SystemAdmin)(r) ? 200 : 403),
  },
  'POST /api/exports/xlsx': {
    call: (c) => c.client.post('/api/exports/xlsx', { fileName: 'matrix', headers: ['a', 'b'], rows: [['x', 1]] }),
    expected: () => 200,
  },
  'POST /api/exports/ods': {
    call: (c) => c.client.post('/api/exports/ods', { fileName: 'matrix', headers: ['a', 'b'], rows: [['x', 1]] }),
    expected: () => 200,
  },
  'DELETE /api/reports/imports/:id': {
    // No such import: the roles that may withdraw get 404 (withdrawing the matrix's month would change the other cases).
    call: (c) => c.client.delete('/api/reports/imports/999999'),
    expected: (r) => (roleIn(Role.ServiceSection, Role.SystemAdmin)(r) ? 404 : 403),
  },
  'GET /api/clusters/:id': { call: (c) => c.client.get(`/api/clusters/${report.clusterId}`), expected: () => 200 },
  'GET /api/jobs/recent': { call: (c) => c.client.get('/api/jobs/recent'), expected: () => 200 },
  'GET /api/jobs/summary': { call: (c) => c.client.get('/api/jobs/summary?days=7'), expected: () => 200 },
  'GET /api/jobs/:id': { call: (c) => c.client.get(`/api/jobs/${jobId}`), expected: () => 200 },
  'POST /api/jobs/self-test': {
    call: (c) => c.client.post('/api/jobs/self-test'),
    expected: (r) => (roleIn(Role.ItSection, Role.SystemAdmin)(r) ? 202 : 403),
  },
  'GET /api/account-requests': { call: (c) => c.client.get('/api/account-requests'), expected: () => 200 },
  'GET /api/account-requests/:id': {
    call: (c) => c.client.get(`/api/account-requests/${targets[c.scope].requestId}`),
    expected: (r, s) => (wide(r) || (r === Role.UnitHead && s === 'own') ? 200 : 404),
  },
  'POST /api/account-requests': {
    async call(c) {
      const subject = await makeUser(c.t, { account: `subj${c.seq()}`, unitCode: c.unit, roles: [Role.KnowledgeContact] });
      return c.client.post('/api/account-requests', {
        kind: AccountRequestKind.Disable,
        account: subject.account,
        unitCode: c.unit,
        requestedRoles: [],
        reason: AccountRequestReason.Left,
        effectiveDate: '2027-01-04',
      });
    },
    // Filing for someone else: their unit head, or the administrator.
    expected: (r, s) => (r === Role.SystemAdmin || (r === Role.UnitHead && s === 'own') ? 201 : 403),
  },
  'POST /api/account-requests/:id/approve': {
    call: async (c) => c.client.post(`/api/account-requests/${await freshRequest(c)}/approve`, { comment: 'ok' }),
    expected: (r, s) => (r !== Role.UnitHead ? 403 : s === 'own' ? 200 : 404),
  },
  'POST /api/account-requests/:id/reject': {
    call: async (c) => c.client.post(`/api/account-requests/${await freshRequest(c)}/reject`, { comment: 'no' }),
    expected: (r, s) => (r !== Role.UnitHead ? 403 : s === 'own' ? 200 : 404),
  },
  'POST /api/account-requests/:id/cancel': {
    // Only the filer may cancel; no matrix user filed these.
    call: async (c) => c.client.post(`/api/account-requests/${await freshRequest(c)}/cancel`),
    expected: () => 404,
  },
  'POST /api/account-requests/:id/accept': {
    call: async (c) => c.client.post(`/api/account-requests/${await freshRequest(c, true)}/accept`, {}),
    expected: (r) => (r === Role.ServiceSection ? 200 : 403),
  },
  'GET /api/website/pages': { call: (c) => c.client.get('/api/website/pages?includeRetired=true'), expected: () => 200 },
  'GET /api/website/pages/tree': { call: (c) => c.client.get('/api/website/pages/tree'), expected: () => 200 },
  'GET /api/website/pages/export': { call: (c) => c.client.get('/api/website/pages/export?format=csv'), expected: () => 200 },
  'POST /api/website/pages': {
    call: (c) =>
      c.client.post('/api/website/pages', {
        pageId: `N${c.seq()}`,
        menuPath: ['矩陣', '新增'],
        title: '新增',
        url: 'https://www.tytax.gov.tw/new',
        ownerUnitCode: c.unit,
      }),
    expected: (r) => (PAGE_EDITORS(r) ? 201 : 403),
  },
  'PATCH /api/website/pages/:pageId': {
    call: async (c) => c.client.patch(`/api/website/pages/${await freshPage(c)}`, { menuPath: ['矩陣', '搬移'] }),
    expected: (r) => (PAGE_EDITORS(r) ? 200 : 403),
  },
  'POST /api/website/pages/:pageId/retire': {
    call: async (c) => c.client.post(`/api/website/pages/${await freshPage(c)}/retire`),
    expected: (r) => (PAGE_EDITORS(r) ? 200 : 403),
  },
  'POST /api/website/pages/import': {
    call: (c) =>
      c.client.upload(
        '/api/website/pages/import',
        'file',
        Buffer.from(`網頁編號,選單路徑,網頁名稱,網址,權責單位\nI${c.seq()},矩陣>匯入,匯入,https://www.tytax.gov.tw/i,${c.unit}\n`),
        'pages.csv',
      ),
    expected: (r) => (PAGE_EDITORS(r) ? 200 : 403),
  },
  'GET /api/website/reviews': { call: (c) => c.client.get('/api/website/reviews'), expected: () => 200 },
  'GET /api/website/reviews/:id': {
    call: async (c) => c.client.get(`/api/website/reviews/${(await freshForm(c, 'draft')).formId}`),
    expected: READS_UNIT,
  },
  'GET /api/website/reviews/:id/export': {
    call: async (c) => c.client.get(`/api/website/reviews/${(await freshForm(c, 'draft')).formId}/export?format=csv`),
    expected: READS_UNIT,
  },
  'PUT /api/website/reviews/:id/rows/:pageId': {
    async call(c) {
      const f = await freshForm(c, 'draft');
      return c.client.put(`/api/website/reviews/${f.formId}/rows/${f.pageId}`, { result: 'correct' });
    },
    expected: REVIEWER,
  },
  'POST /api/website/reviews/:id/submit': {
    call: async (c) => c.client.post(`/api/website/reviews/${(await freshForm(c, 'draft', 'correct')).formId}/submit`),
    expected: REVIEWER,
  },
  'POST /api/website/reviews/:id/approve': {
    // Only the head of the form's own unit; a head of another unit is refused with 403, not 404.
    call: async (c) => c.client.post(`/api/website/reviews/${(await freshForm(c, 'submitted', 'correct')).formId}/approve`),
    expected: (r, s) => (r === Role.UnitHead && s === 'own' ? 200 : 403),
  },
  'POST /api/website/reviews/:id/return': {
    call: async (c) =>
      c.client.post(`/api/website/reviews/${(await freshForm(c, 'submitted', 'correct')).formId}/return`, { reason: '請補充' }),
    expected: (r, s) => (r === Role.UnitHead && s === 'own' ? 200 : 403),
  },
  'GET /api/website/compliance': {
    call: (c) => c.client.get('/api/website/compliance?from=2026-10&to=2026-11'),
    expected: (r) => (COMPLIANCE_READERS(r) ? 200 : 403),
  },
  'GET /api/website/compliance/export': {
    call: (c) => c.client.get('/api/website/compliance/export?from=2026-10&to=2026-11&format=csv'),
    expected: (r) => (COMPLIANCE_READERS(r) ? 200 : 403),
  },
  'GET /api/website/corrections': { call: (c) => c.client.get('/api/website/corrections'), expected: () => 200 },
  'POST /api/website/corrections/:id/done': {
    // Own unit's ticket is a content fix (service section), the other unit's a program fix (IT section).
    call: async (c) => c.client.post(`/api/website/corrections/${await freshCorrection(c, 'open')}/done`, { note: 'ok' }),
    expected: (r, s) => ((s === 'own' && r === Role.ServiceSection) || (s === 'other' && r === Role.ItSection) ? 200 : 403),
  },
  'POST /api/website/corrections/:id/recheck': {
    call: async (c) => c.client.post(`/api/website/corrections/${await freshCorrection(c, 'done')}/recheck`, { ok: true }),
    expected: REVIEWER,
  },
  'POST /api/website/corrections/:id/publish': {
    call: async (c) => c.client.post(`/api/website/corrections/${await freshCorrection(c, 'rechecked')}/publish`, {}),
    expected: (r) => (r === Role.ServiceSection ? 200 : 403),
  },
};

describe.each(DATABASE_KINDS)('access control on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  const clients = new Map<Role, Client>();

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    await seedUnits(t);
    for (const unit of [OWN, OTHER]) await makeUser(t, { account: `head.${unit.toLowerCase()}`, unitCode: unit, roles: [Role.UnitHead] });
    for (const role of ROLES) {
      await makeUser(t, { account: `${role}.${OWN.toLowerCase()}`, unitCode: OWN, roles: [role] });
      clients.set(role, await signedIn(t, `${role}.${OWN.toLowerCase()}`));
    }
    for (const scope of ['own', 'other'] as Scope[]) {
      const unit = scope === 'own' ? OWN : OTHER;
      targets[scope].userId = (
        await makeUser(t, { account: `target.${unit.toLowerCase()}`, unitCode: unit, roles: [Role.KnowledgeContact] })
      ).id;
      targets[scope].requestId = await freshRequest({
        t,
        client: clients.get(Role.SystemAdmin)!,
        role: Role.SystemAdmin,
        scope,
        unit,
        seq: () => String(++seqNo),
      });
    }
    await t.app.get(KnowledgeService).import(await actorOf(t, 'system-admin.ht'), KB_CSV, 'kb.csv');
    const temp = join(mkdtempSync(join(tmpdir(), 'matrix-')), 'report-2026-09.csv');
    copyFileSync(join(__dirname, '../../../../test/fixtures/reports/ok/report-2026-09.csv'), temp);
    const imports = t.app.get(ReportImportService);
    const queued = await imports.submit(await actorOf(t, 'system-admin.ht'), { tempPath: temp, fileName: 'report-2026-09.csv' }, {});
    for (let i = 0; i < 400 && ['queued', 'processing'].includes((await imports.get(queued.id)).status); i++)
      await new Promise((r) => setTimeout(r, 25));
    const cycle = (await t.app.get(CycleService).findByMonth('2026-09'))!;
    // Announced (公告): a contact's queue holds announced months only (issue 14).
    await t.app.get(CycleService).announce(await actorOf(t, 'service-section.ht'), cycle.id);
    Object.assign(report, {
      importId: queued.id,
      cycleId: cycle.id,
      clusterId: (await t.app.get(CycleService).clusters(cycle.id, {}))[0].id,
    });
    // One review item per scope's unit (whatever the bank flagged, the matrix needs both).
    const reviews = t.app.get(DataSource).getRepository(ReviewItemEntity);
    for (const scope of ['own', 'other'] as Scope[]) {
      const row = await reviews.save(
        reviews.create({
          cycleId: cycle.id,
          unitCode: scope === 'own' ? OWN : OTHER,
          kbItemId: `MATRIX-${scope}`,
          reasons: 'expired',
          detail: JSON.stringify({ hits: 0, ratings: 0, dissatisfied: 0, expiryDate: '2026-01-01', pastYears: [] }),
          status: 'open',
          note: null,
          doneBy: null,
          doneAt: null,
        }),
      );
      reviewItems[scope] = row.id;
    }
    jobId = (await t.app.get(JobQueue).enqueue({ name: JobName.SystemSelfTest, key: 'matrix', data: { requestedBy: 'matrix' } })).run.id;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('has a declared access rule on every route, and a case in this matrix for each', () => {
    const routes = declaredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => !r.rule).map((r) => `${r.key} (${r.controller}.${r.handler})`)).toEqual([]);
    expect(routes.map((r) => r.key).filter((k) => !CASES[k])).toEqual([]);
    expect(Object.keys(CASES).filter((k) => !routes.some((r) => r.key === k))).toEqual([]);
  });

  it.each(ROLES)(
    'walks every route as %s on their own unit and another unit',
    async (role) => {
      const problems: string[] = [];
      for (const [key, spec] of Object.entries(CASES)) {
        for (const scope of ['own', 'other'] as Scope[]) {
          const ctx: Ctx = { t, client: clients.get(role)!, role, scope, unit: scope === 'own' ? OWN : OTHER, seq: () => `${++seqNo}` };
          const res = await spec.call(ctx);
          const want = spec.expected(role, scope);
          if (res.status !== want)
            problems.push(`${key} [${scope}]: ${res.status}, expected ${want} ${JSON.stringify(res.body).slice(0, 160)}`);
          if (res.status === HttpStatus.FORBIDDEN || res.status === HttpStatus.NOT_FOUND) {
            const extra = Object.keys(res.body as object).filter((k) => !ERROR_KEYS.includes(k));
            if (extra.length) problems.push(`${key} [${scope}]: a denial returned data (${extra.join(', ')})`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
    60_000,
  );

  it('audits denials', async () => {
    const c = clients.get(Role.KnowledgeContact)!;
    expect((await c.get('/api/audit')).status).toBe(403);
    const audit = await clients.get(Role.Auditor)!.get('/api/audit?action=access.denied&actor=knowledge-contact.ht&pageSize=500');
    expect(audit.body.total).toBeGreaterThan(0);
    expect(audit.body.items.map((i: { targetId: string }) => i.targetId)).toContain('GET /api/audit');
  });
});
