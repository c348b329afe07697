import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import type { KbHealthDto } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { KbHealthPageComponent } from './kb-health-page.component';

const HEALTH: KbHealthDto = {
  duplicateAlternates: [{ text: '房屋稅怎麼繳', itemIds: ['HT-0001', 'HT-0017'] }],
  nearDuplicates: [
    { a: 'HT-0001', b: 'HT-0023', score: 0.934, questionA: '房屋稅什麼時候開徵？', questionB: '房屋稅何時開徵' },
    { a: 'LV-0002', b: 'LV-0005', score: 0.81, questionA: '牌照稅怎麼繳', questionB: '牌照稅如何繳納' },
  ],
  expired: [{ id: 'LD-0300', question: '112 年地價稅減免申請', expiryDate: '2025-12-31' }],
  staleYears: [{ id: 'DE-0011', question: '契稅申報期限', years: ['112', '2024'] }],
  checkedAt: '2026-11-29T02:00:00.000Z',
};

const EMPTY: KbHealthDto = {
  duplicateAlternates: [],
  nearDuplicates: [],
  expired: [],
  staleYears: [],
  checkedAt: '2026-11-29T02:00:00.000Z',
};

describe('KbHealthPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    signIn();
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(health: KbHealthDto) {
    const fixture = TestBed.createComponent(KbHealthPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/kb/health').flush(health);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const card = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    const count = (id: string) => card(id).querySelector('[data-testid="kb-health-count"]')!.textContent!.trim();
    // Pieces are laid out apart by CSS; the text runs together, so compare it without white space.
    const items = (id: string) => [...card(id).querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ''));
    const links = (id: string) => [...card(id).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    return { fixture, host, http, card, count, items, links };
  }

  it('renders the four lists with their counts and links to the items', async () => {
    const { host, card, count, items, links } = await render(HEALTH);
    expect(host.querySelector('[data-testid="kb-health"]')).not.toBeNull();
    expect(host.textContent).toContain('115/11/29 10:00');

    expect(count('kb-health-duplicates')).toBe('1');
    expect(items('kb-health-duplicates')).toEqual(['「房屋稅怎麼繳」HT-0001HT-0017']);
    expect(links('kb-health-duplicates')).toEqual(['/kb/items/HT-0001', '/kb/items/HT-0017']);

    expect(count('kb-health-near')).toBe('2');
    expect(items('kb-health-near')[0]).toBe('相似度93%HT-0001房屋稅什麼時候開徵？HT-0023房屋稅何時開徵');
    expect(items('kb-health-near')[1]).toContain('相似度81%');
    expect(links('kb-health-near')).toEqual(['/kb/items/HT-0001', '/kb/items/HT-0023', '/kb/items/LV-0002', '/kb/items/LV-0005']);

    expect(count('kb-health-expired')).toBe('1');
    expect(items('kb-health-expired')).toEqual(['LD-0300112年地價稅減免申請114/12/31失效']);
    expect(links('kb-health-expired')).toEqual(['/kb/items/LD-0300']);

    expect(count('kb-health-years')).toBe('1');
    expect(items('kb-health-years')).toEqual(['DE-0011契稅申報期限1122024']);
    expect(
      [...card('kb-health-years').querySelectorAll('.td-badge--warning:not([data-testid])')].map((b) => b.textContent!.trim()),
    ).toEqual(['112', '2024']);
    expect(host.textContent).not.toContain('沒有發現問題');
  });

  it('says 沒有發現問題 in each card that found nothing', async () => {
    const { card, count } = await render(EMPTY);
    for (const id of ['kb-health-duplicates', 'kb-health-near', 'kb-health-expired', 'kb-health-years']) {
      expect(count(id)).toBe('0');
      expect(card(id).textContent).toContain('沒有發現問題');
      expect(card(id).querySelector('li')).toBeNull();
    }
  });

  it('checks again on request', async () => {
    const { fixture, host, http, count } = await render(EMPTY);
    host.querySelector<HTMLButtonElement>('[data-testid="kb-health-recheck"]')!.click();
    TestBed.tick();
    http.expectOne('/api/kb/health').flush(HEALTH);
    await fixture.whenStable();
    expect(count('kb-health-near')).toBe('2');
  });
});
