import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type AccountRequestDto, AccountRequestKind, AccountRequestReason, AccountRequestStatus, Role } from '@tunedesk/contracts';
import { makeRequest } from '../testing/account-request-testing';
import { RequestPrintPageComponent } from './request-print-page.component';

describe('RequestPrintPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(request: AccountRequestDto) {
    const fixture = TestBed.createComponent(RequestPrintPageComponent);
    fixture.componentRef.setInput('id', String(request.id));
    TestBed.tick();
    TestBed.inject(HttpTestingController).expectOne(`/api/account-requests/${request.id}`).flush(request);
    await fixture.whenStable();
    const form = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('[data-testid="print-form"]')!;
    const text = (selector: string) => form.querySelector(selector)!.textContent!.replace(/\s+/g, ' ').trim();
    const options = (field: string) =>
      [...form.querySelectorAll(`[data-field="${field}"] .opt, [data-field="${field}"] .note`)].map((el) => el.textContent!.trim());
    const checked = (field: string) =>
      [...form.querySelectorAll(`[data-field="${field}"] .opt[data-checked="true"]`)].map((el) => el.textContent!.trim());
    return { form, text, options, checked };
  }

  it('ticks the kind and the reason of the request, and leaves the rest empty', async () => {
    const { options, checked } = await render(
      makeRequest({ kind: AccountRequestKind.ChangeRoles, reason: AccountRequestReason.Transferred, requestedRoles: [Role.UnitHead] }),
    );
    expect(options('kind')).toEqual(['☐ 新增', '☑ 權限變更', '☐ 停用']);
    expect(options('reason')).toEqual(['☐ 到職', '☑ 調動', '☐ 離職', '☐ 其他：', '']);
    expect(checked('roles')).toEqual(['☑ 單位主管']);
  });

  it('writes the explanation after 其他 when that is the reason', async () => {
    const { options, checked } = await render(
      makeRequest({ kind: AccountRequestKind.Disable, reason: AccountRequestReason.Other, reasonNote: '留職停薪', requestedRoles: [] }),
    );
    expect(checked('kind')).toEqual(['☑ 停用']);
    expect(options('reason')).toEqual(['☐ 到職', '☐ 調動', '☐ 離職', '☑ 其他：', '留職停薪']);
    expect(checked('roles')).toEqual([]);
  });

  it('lays out the paper form: title, ROC dates, the fields and four signature boxes', async () => {
    const { form, text } = await render(
      makeRequest({
        status: AccountRequestStatus.Completed,
        decided: { by: 'lee.hd', byDisplayName: '李主任', at: '2026-11-28T02:30:00Z', comment: null, approved: true },
        accepted: { by: 'wu.jy', byDisplayName: '吳佳穎', at: '2026-11-29T01:00:00Z', comment: null },
        completed: { by: 'wu.jy', byDisplayName: '吳佳穎', at: '2026-12-01T00:10:00Z', comment: null, outcome: 'created' },
      }),
    );
    expect(text('.sheet__title')).toBe('桃園市政府地方稅務局 帳號權限異動申請表');
    const labels = [...form.querySelectorAll('.form th')].map((th) => th.textContent!.trim());
    expect(labels).toEqual([
      '申請日期',
      '申請單位',
      '申請人',
      '申請類別',
      '帳號',
      '姓名',
      '分機',
      '電子郵件',
      '申請權限',
      '申請原因',
      '生效日期',
    ]);
    expect(text('[data-field="filedAt"]')).toBe('民國115年11月27日');
    expect(text('[data-field="effectiveDate"]')).toBe('民國115年12月1日');
    expect(text('[data-field="account"]')).toBe('kao.sf');
    expect([...form.querySelectorAll('.sign th')].map((th) => th.textContent!.trim())).toEqual([
      '申請人',
      '單位主管',
      '服務科承辦人',
      '完成日期',
    ]);
    const sign = (box: string) => [...form.querySelectorAll(`[data-sign="${box}"] span`)].map((el) => el.textContent!.trim());
    expect(sign('applicant')).toEqual(['陳美華', '民國115年11月27日']);
    expect(sign('head')).toEqual(['李主任', '民國115年11月28日']);
    expect(sign('service')).toEqual(['吳佳穎', '民國115年11月29日']);
    expect(sign('completed')).toEqual(['吳佳穎', '民國115年12月1日']);
  });
});
