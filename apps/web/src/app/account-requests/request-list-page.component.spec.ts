import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AccountRequestKind, AccountRequestStatus } from '@tunedesk/contracts';
import { makeRequest } from '../testing/account-request-testing';
import { RequestListPageComponent } from './request-list-page.component';

describe('RequestListPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  });

  it('lists requests newest first with kind, ROC effective date, status and applicant', async () => {
    const fixture = TestBed.createComponent(RequestListPageComponent);
    TestBed.tick();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/account-requests')
      .flush([
        makeRequest({ id: 3 }),
        makeRequest({ id: 9, kind: AccountRequestKind.Disable, status: AccountRequestStatus.Completed, effectiveDate: '2026-12-31' }),
      ]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const rows = [...host.querySelectorAll('[data-testid="requests-table"] tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(rows[0]).toEqual(['編號9', '停用', 'kao.sf（高淑芬）', '房屋稅科', '115/12/31', '已完成', '陳美華 115/11/27']);
    expect(rows[1][0]).toBe('編號3');
    expect(rows[1][5]).toBe('待主管核章');
    expect(host.querySelector('[data-testid="requests-table"] tbody a')!.getAttribute('href')).toBe('/account-requests/9');
    expect(host.querySelector('[data-testid="request-new"]')!.getAttribute('href')).toBe('/account-requests/new');
  });
});
