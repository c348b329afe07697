import { Role, type NotificationDto, type NotificationListDto } from '@tunedesk/contracts';
import { DataSource } from 'typeorm';
import { Client, makeUser, seedUnits, signedIn, startTestApp, type TestApp } from '../../../../test/support/app';
import { DATABASE_KINDS, type TestDatabase } from '../../../../test/support/databases';
import { ProposalEntity, ProposalListEntity } from '../proposals/proposal.entities';
import { MissClusterEntity, TuningCycleEntity } from '../reports/report.entities';
import { OPEN_WORK } from '../tuning/tuning.entities';
import { NotificationsService } from './notifications.service';

describe.each(DATABASE_KINDS)('notices: unit names and one unread per object on $kind', ({ create }) => {
  let db: TestDatabase;
  let t: TestApp;
  let ds: DataSource;
  let cycleId = 0;
  let proposalId = 0;
  const ids: Record<string, number> = {};
  let contact: Client;
  let head: Client;

  const inbox = async (c: Client): Promise<NotificationListDto> => {
    const res = await c.get('/api/notifications');
    expect(res.status).toBe(200);
    return res.body as NotificationListDto;
  };
  const about = (list: NotificationListDto, link: string): NotificationDto[] => list.items.filter((n) => n.link === link);

  beforeAll(async () => {
    db = await create();
    t = await startTestApp(db);
    ds = t.app.get(DataSource);
    await seedUnits(t);
    t.clock.set('2026-12-07T01:00:00Z');
    for (const [account, unitCode, roles] of [
      ['kc.ht', 'HT', [Role.KnowledgeContact]],
      ['head.ht', 'HT', [Role.UnitHead]],
      ['kc.lv', 'LV', [Role.KnowledgeContact]],
      ['leader', 'SVC', [Role.GroupLeader]],
    ] as const)
      ids[account] = (await makeUser(t, { account, unitCode, roles: [...roles] })).id;
    const at = new Date('2026-11-02T01:00:00Z');
    const cycles = ds.getRepository(TuningCycleEntity);
    cycleId = (
      await cycles.save(
        cycles.create({
          kind: 'regular',
          month: '2026-10',
          label: '115年10月定期調校',
          dueDate: '2026-12-21',
          importId: null,
          announcedAt: at,
          announcedBy: 'svc',
          createdAt: at,
          updatedAt: at,
        }),
      )
    ).id;
    await ds.getRepository(ProposalListEntity).insert({
      cycleId,
      unitCode: 'HT',
      status: 'in-progress',
      submittedBy: null,
      submittedAt: null,
      approvedBy: null,
      approvedAt: null,
      updatedAt: at,
    });
    const proposals = ds.getRepository(ProposalEntity);
    proposalId = (
      await proposals.save(
        proposals.create({
          cycleId,
          unitCode: 'HT',
          kind: 'delete',
          kbItemId: 'HT-0001',
          content: null,
          reason: '已停止適用',
          sourceKind: null,
          sourceId: null,
          status: 'draft',
          returnComment: null,
          deferReason: null,
          newItemId: null,
          createdBy: 'kc.ht',
          createdAt: at,
          updatedAt: at,
        }),
      )
    ).id;
    contact = await signedIn(t, 'kc.ht');
    head = await signedIn(t, 'head.ht');
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('names the cycle and the unit, not its code, in both languages, and settles a notice once its work is done', async () => {
    const listLink = `/proposals/lists/${cycleId}/HT`;
    const submit = () => contact.post(`/api/cycles/${cycleId}/lists/HT/submit`);
    const giveBack = () => head.post(`/api/cycles/${cycleId}/lists/HT/return`, { comments: { [proposalId]: '請補充理由' } });

    expect((await submit()).status).toBe(200);
    let mine = about(await inbox(head), listLink);
    expect(mine.map((n) => n.title)).toEqual([
      {
        'zh-TW': '115年10月定期調校 房屋稅科 資料檢視清單已送出，請核章',
        en: 'Tuning for 2026-10: the review list of 房屋稅科 was submitted for your approval',
      },
    ]);
    const first = mine[0];

    expect((await giveBack()).status).toBe(200);
    const returned = about(await inbox(contact), listLink);
    expect(returned.map((n) => n.title)).toEqual([
      {
        'zh-TW': '115年10月定期調校 房屋稅科 資料檢視清單被退回（1 項待修正）',
        en: 'Tuning for 2026-10: the review list of 房屋稅科 was returned (1 to revise)',
      },
    ]);

    // The head has acted: their 「請核章」 is settled (read), not left waiting.
    mine = about(await inbox(head), listLink);
    expect(mine.map((n) => [n.id, n.readAt !== null])).toEqual([[first.id, true]]);

    // Sent again: a new unread notice for the head; the contact's 「退回」 is settled by their own submission.
    t.clock.set('2026-12-07T01:10:00Z');
    expect((await submit()).status).toBe(200);
    const list = await inbox(head);
    mine = about(list, listLink);
    expect(mine.map((n) => [n.createdAt, n.readAt === null])).toEqual([
      ['2026-12-07T01:10:00.000Z', true],
      ['2026-12-07T01:00:00.000Z', false],
    ]);
    expect(list.unread).toBe(1);
    expect(about(await inbox(contact), listLink).map((n) => n.readAt !== null)).toEqual([true]);
  });

  it('keeps one unread notice per recipient and object: the newer replaces it, a read one stays, nobody else is touched', async () => {
    const notices = t.app.get(NotificationsService);
    const link = '/proposals/lists/999/HT';
    const say = (zh: string) => ({ kind: 'reminder.overdue', title: { 'zh-TW': zh, en: zh }, link });
    await notices.notify([ids['kc.ht'], ids['head.ht']], say('第一次'));
    await notices.notify([ids['kc.ht']], say('第二次'));
    const contactNow = about(await inbox(contact), link);
    expect(contactNow.map((n) => n.title['zh-TW'])).toEqual(['第二次']);
    expect(about(await inbox(head), link).map((n) => n.title['zh-TW'])).toEqual(['第一次']);

    expect((await contact.post(`/api/notifications/${contactNow[0].id}/read`)).status).toBe(204);
    await notices.notify([ids['kc.ht']], say('第三次'));
    expect(about(await inbox(contact), link).map((n) => [n.title['zh-TW'], n.readAt === null])).toEqual([
      ['第三次', true],
      ['第二次', false],
    ]);
  });

  it('tells two lists of the same unit apart by their cycle', async () => {
    const at = new Date('2026-12-01T01:00:00Z');
    const cycles = ds.getRepository(TuningCycleEntity);
    const november = (
      await cycles.save(
        cycles.create({
          kind: 'regular',
          month: '2026-11',
          label: '115年11月定期調校',
          dueDate: '2027-01-20',
          importId: null,
          announcedAt: at,
          announcedBy: 'svc',
          createdAt: at,
          updatedAt: at,
        }),
      )
    ).id;
    await ds.getRepository(ProposalListEntity).insert({
      cycleId: november,
      unitCode: 'HT',
      status: 'in-progress',
      submittedBy: null,
      submittedAt: null,
      approvedBy: null,
      approvedAt: null,
      updatedAt: at,
    });
    const proposals = ds.getRepository(ProposalEntity);
    await proposals.save(
      proposals.create({
        cycleId: november,
        unitCode: 'HT',
        kind: 'delete',
        kbItemId: 'HT-0002',
        content: null,
        reason: '已停止適用',
        sourceKind: null,
        sourceId: null,
        status: 'draft',
        returnComment: null,
        deferReason: null,
        newItemId: null,
        createdBy: 'kc.ht',
        createdAt: at,
        updatedAt: at,
      }),
    );
    expect((await contact.post(`/api/cycles/${november}/lists/HT/submit`)).status).toBe(200);
    const unread = (await inbox(head)).items.filter((n) => n.readAt === null && n.kind === 'list.submitted');
    expect(unread.map((n) => [n.link, n.title.en])).toEqual([
      [`/proposals/lists/${november}/HT`, 'Tuning for 2026-11: the review list of 房屋稅科 was submitted for your approval'],
      [`/proposals/lists/${cycleId}/HT`, 'Tuning for 2026-10: the review list of 房屋稅科 was submitted for your approval'],
    ]);
  });

  it('writes a reassignment with both units by name', async () => {
    const repo = ds.getRepository(MissClusterEntity);
    const cluster = await repo.save(
      repo.create({
        cycleId,
        clusterNo: 1,
        representative: '地價稅怎麼算',
        representativeKey: '地價稅怎麼算',
        size: 2,
        wordings: JSON.stringify([{ text: '地價稅怎麼算', count: 2 }]),
        channels: '[]',
        byResponseType: '{}',
        examples: '[]',
        suggestions: '[]',
        firstSeen: null,
        lastSeen: null,
        previousClusterId: null,
        recurringMonths: 1,
        confidence: null,
        basis: null,
        routedUnitCode: 'HT',
        routedReason: 'category-rule',
        assigneeId: null,
        ...OPEN_WORK,
      }),
    );
    const leader = await signedIn(t, 'leader');
    const res = await leader.post(`/api/queue/cluster/${cluster.id}/reassign`, { unitCode: 'LV', reason: '屬地價稅' });
    expect(res.status).toBe(200);
    const [notice] = about(await inbox(await signedIn(t, 'kc.lv')), `/queue/cluster/${cluster.id}`);
    expect(notice.title).toEqual({
      'zh-TW': '「地價稅怎麼算」由 房屋稅科 改派至 地價稅科：屬地價稅',
      en: '"地價稅怎麼算" reassigned from 房屋稅科 to 地價稅科',
    });
  });

  it('does not merge notices without an object, and shows an unknown unit code as it is', async () => {
    const notices = t.app.get(NotificationsService);
    const n = { kind: 'test', title: { 'zh-TW': '{unit} 測試', en: '{unit} test' }, link: null, units: { unit: 'ZZ' } };
    await notices.notify([ids['kc.lv']], n);
    await notices.notify([ids['kc.lv']], n);
    const tests = (await inbox(await signedIn(t, 'kc.lv'))).items.filter((x) => x.kind === 'test');
    expect(tests.map((x) => x.title)).toEqual([
      { 'zh-TW': 'ZZ 測試', en: 'ZZ test' },
      { 'zh-TW': 'ZZ 測試', en: 'ZZ test' },
    ]);
  });
});
