import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { PageDialogComponent, parseMenuPath } from './page-dialog.component';

describe('PageDialogComponent', () => {
  it('reads menu levels separated by " / ", › or >, and keeps a bare slash inside a label', () => {
    expect(parseMenuPath(' 稅務資訊 / 房屋稅 › 稅率 > 115 年 ')).toEqual(['稅務資訊', '房屋稅', '稅率', '115 年']);
    expect(parseMenuPath('最新消息 / 稅務訊息/熱門活動')).toEqual(['最新消息', '稅務訊息/熱門活動']);
  });

  it('moves a page: PATCH with the new menu path and owner, then closes with it', async () => {
    const close = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialogRef, useValue: { close } },
        {
          provide: MAT_DIALOG_DATA,
          useValue: {
            page: {
              pageId: 'P002',
              menuPath: ['稅務資訊', '房屋稅', '稅率'],
              title: '稅率',
              url: 'https://www.tytax.tycg.gov.tw/house/rate',
              ownerUnitCode: 'HT',
              ownerUnitName: '房屋稅科',
              retired: false,
              updatedAt: '2026-12-01T00:00:00Z',
            },
          },
        },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PageDialogComponent);
    TestBed.tick();
    http.expectOne('/api/units').flush([
      { code: 'HT', name: '房屋稅科', kind: 'section', parentCode: null, categories: [] },
      { code: 'SVC', name: '服務科', kind: 'section', parentCode: null, categories: [] },
    ]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector<HTMLInputElement>('[data-testid="page-id"]')!.disabled).toBe(true);
    const path = host.querySelector<HTMLInputElement>('[data-testid="page-menu-path"]')!;
    expect(path.value).toBe('稅務資訊 / 房屋稅 / 稅率');
    path.value = '稅務資訊 / 稅率表';
    path.dispatchEvent(new Event('input'));
    host.querySelector<HTMLButtonElement>('[data-testid="page-save"]')!.click();
    const patch = http.expectOne('/api/website/pages/P002');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({
      menuPath: ['稅務資訊', '稅率表'],
      title: '稅率',
      url: 'https://www.tytax.tycg.gov.tw/house/rate',
      ownerUnitCode: 'HT',
    });
    patch.flush({ pageId: 'P002' });
    expect(close).toHaveBeenCalledWith({ pageId: 'P002' });
    http.verify();
  });
});
