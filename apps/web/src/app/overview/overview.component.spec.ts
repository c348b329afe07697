import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type HomeDto, Role } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { signIn } from '../testing/auth-testing';
import { makeHeadHome, makeHome } from './home-testing';
import { OverviewComponent, daysUntil } from './overview.component';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

/** What an element says, piece by piece, icon ligatures and screen-reader text left out. */
function text(element: Element | null): string {
  const copy = element!.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon, .visually-hidden').forEach((node) => node.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent!.replace(/\s+/g, ' ').trim());
  return pieces.filter(Boolean).join(' ');
}

const CONTACT_HOME: HomeDto = makeHome({
  contact: {
    cycles: [
      {
        cycleId: 3,
        label: '115年9月定期調校',
        dueDate: '2026-11-20',
        overdue: true,
        listStatus: 'not-started',
        open: 1,
        claimedByMe: 0,
        unclaimed: 1,
        items: [{ kind: 'review', id: 40, title: 'HT-0003 房屋稅何時開徵', status: 'open', mine: false }],
      },
      {
        cycleId: 4,
        label: '115年10月定期調校',
        dueDate: '2026-12-21',
        overdue: false,
        listStatus: 'in-progress',
        open: 12,
        claimedByMe: 2,
        unclaimed: 9,
        items: [
          { kind: 'cluster', id: 77, title: '房屋稅可以分期繳嗎', status: 'claimed', mine: true },
          { kind: 'cluster', id: 78, title: '房屋稅單不見了', status: 'open', mine: false },
        ],
      },
    ],
  },
});

describe('OverviewComponent (home page)', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(home: HomeDto) {
    const fixture = TestBed.createComponent(OverviewComponent);
    await settle();
    TestBed.inject(HttpTestingController).expectOne('/api/home').flush(home);
    await settle();
    const host = fixture.nativeElement as HTMLElement;
    return {
      fixture,
      host,
      q: (selector: string) => host.querySelector(selector),
      all: (selector: string) => [...host.querySelectorAll(selector)],
    };
  }

  it('counts days to a due date', () => {
    expect(daysUntil('2026-12-07', '2026-12-21')).toBe(14);
    expect(daysUntil('2026-12-07', '2026-12-07')).toBe(0);
    expect(daysUntil('2026-12-07', '2026-11-20')).toBe(-17);
  });

  it("shows a contact each cycle's open items with the ROC due date, the overdue one marked, and links to each item", async () => {
    signIn({ displayName: '李佳玲' });
    const { q, all, host } = await render(CONTACT_HOME);
    expect(text(q('[data-testid="home-greeting"]'))).toBe('李佳玲，您好');
    const cycles = all('[data-testid="home-contact-cycle"]');
    expect(cycles.map((c) => text(c.querySelector('[data-testid="home-due"]')))).toEqual([
      '期限 115/11/20 已逾期',
      '期限 115/12/21 剩 14 天',
    ]);
    expect(text(cycles[1].querySelector('.home-cycle__summary'))).toBe('尚有 12 題待處理 您認領 2 題・未認領 9 題 清單：填寫中');
    expect(all('[data-testid="home-item"]').map((a) => a.getAttribute('href'))).toEqual([
      '/queue/review/40',
      '/queue/cluster/77',
      '/queue/cluster/78',
    ]);
    expect(text(cycles[1])).toContain('另有 10 題，請到我的待辦查看。');
    expect(cycles[1].querySelector('a[href="/proposals/lists/4/HT"]')).not.toBeNull();
    expect(q('[data-testid="home-to-sign"]')).toBeNull();
    expect(q('[data-testid="home-oversight"]')).toBeNull();
    expect(q('[data-testid="home-all-clear"]')).toBeNull();
    // Nothing of the old placeholder page.
    expect(text(host)).not.toContain('即將推出');
    // The website module is live: a link to it, not a 規劃中 card.
    expect(q('[data-testid="home-website"]')!.getAttribute('href')).toBe('/website');
    expect(text(host)).not.toContain('規劃中');
    expect(text(host)).not.toContain('Redis');

    TestBed.inject(I18nService).setLang('en');
    await settle();
    expect(text(all('[data-testid="home-due"]')[1])).toBe('due 2026-12-21 14 days left');
  });

  it('shows a unit head the lists waiting for 核章, each with a way to it', async () => {
    signIn({ roles: [Role.UnitHead] });
    const { q, all } = await render(makeHeadHome());
    const rows = all('[data-testid="to-sign-lists"] li');
    expect(rows.map((row) => text(row.querySelector('.home-row__title')))).toEqual(['115年9月定期調校', '115年10月定期調校']);
    expect(text(rows[1].querySelector('.home-row__meta'))).toBe('房屋稅科・5 項提案 送出於 115/12/03 14:00 期限 115/12/21');
    expect(rows[1].querySelector('a.home-row__action')!.getAttribute('href')).toBe('/proposals/lists/4/HT');
    expect(text(q('[data-testid="to-sign-requests"] li'))).toContain('#12 ht.lee・權限變更');
  });

  it('shows the group leader the units late or waiting in order, and 待分派', async () => {
    signIn({ roles: [Role.GroupLeader] });
    const { q, all } = await render(
      makeHome({
        roles: [Role.GroupLeader],
        oversight: {
          cycles: [
            {
              cycleId: 4,
              label: '115年10月定期調校',
              dueDate: '2026-12-21',
              approvedUnits: 1,
              units: [
                { unitCode: 'LV', unitName: '地價稅科', state: 'late', listStatus: 'in-progress', open: 3 },
                { unitCode: 'CT', unitName: '消費稅科', state: 'awaiting-approval', listStatus: 'submitted', open: 0 },
              ],
            },
          ],
          triage: 4,
          unannounced: [{ cycleId: 5, label: '115年11月定期調校' }],
        },
      }),
    );
    expect(all('[data-testid="home-oversight"] tbody tr').map((row) => text(row))).toEqual([
      '地價稅科 逾期未核定 3 開啟清單',
      '消費稅科 待主管核章 0 開啟清單',
    ]);
    expect(text(q('[data-testid="home-triage"]'))).toContain('4 群問句沒有規則可分派');
    expect(q('[data-testid="home-triage"] a')!.getAttribute('href')).toBe('/queue?unit=triage');
    expect(text(q('[data-testid="home-unannounced"]'))).toContain('115年11月定期調校');
  });

  it('tells someone with nothing to do so', async () => {
    signIn({ roles: [Role.ItSection] });
    const { q } = await render(makeHome({ roles: [Role.ItSection] }));
    expect(text(q('[data-testid="home-all-clear"]'))).toBe('目前沒有等您處理的事項。 新的工作會出現在這裡，也會以右上角的通知告訴您。');
  });
});
