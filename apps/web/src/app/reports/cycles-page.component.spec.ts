import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { signIn } from '../testing/auth-testing';
import { CyclesPageComponent } from './cycles-page.component';
import { makeCycle } from './reports-testing';

describe('CyclesPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    signIn();
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the cycles: label linking to the cycle, ROC due date, announced or not, clusters, misses, triage, recurring', async () => {
    const fixture = TestBed.createComponent(CyclesPageComponent);
    TestBed.tick();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/cycles')
      .flush([
        makeCycle({ id: 5, label: '115年11月定期調校', dueDate: '2026-12-18', month: '2026-11' }),
        makeCycle({ announcedAt: '2026-11-04T02:00:00.000Z', announcedBy: '林淑娟' }),
      ]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const rows = [...host.querySelectorAll('[data-testid="cycles-table"] tbody tr')];
    const cells = rows.map((row) => {
      const copy = row.cloneNode(true) as Element;
      copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
      return [...copy.querySelectorAll('td')].map((td) => td.textContent!.trim());
    });
    expect(cells).toEqual([
      ['115年11月定期調校', '115/12/18', '未公告', '42', '380', '5', '7'],
      ['115年10月定期調校', '115/11/20', '115/11/04', '42', '380', '5', '7'],
    ]);
    expect(rows.map((row) => row.querySelector('a')!.getAttribute('href'))).toEqual(['/cycles/5', '/cycles/4']);
  });
});
