import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { Role, type UnitDto, UnitKind, type UserDto } from '@tunedesk/contracts';
import { errorInterceptor } from '../../http/error.interceptor';
import { signIn } from '../../testing/auth-testing';
import { UsersPageComponent, userState } from './users-page.component';

const UNITS: UnitDto[] = [
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
  { code: 'SV', name: '服務科', kind: UnitKind.Section, parentCode: null, categories: [], active: true },
];

function user(overrides: Partial<UserDto>): UserDto {
  return {
    id: 1,
    account: 'lin.zm',
    displayName: '林志明',
    email: null,
    extension: null,
    unitCode: 'HT',
    roles: [Role.KnowledgeContact],
    active: true,
    lockedUntil: null,
    lastLoginAt: '2026-11-28T01:00:00Z',
    passwordChangedAt: '2026-10-01T02:00:00Z',
    passwordChangeRequired: null,
    disabledReason: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-10-01T02:00:00Z',
    ...overrides,
  };
}

const USERS: UserDto[] = [
  user({ id: 1 }),
  user({ id: 2, account: 'wu.jy', displayName: '吳佳穎', unitCode: 'SV', roles: [Role.ServiceSection, Role.UnitHead], lastLoginAt: null }),
  user({ id: 3, account: 'ho.ck', displayName: '何健康', active: false }),
  user({ id: 4, account: 'tsai.yt', displayName: '蔡宜庭', lockedUntil: '2099-01-01T00:00:00Z' }),
];

describe('userState', () => {
  it('tells disabled, locked and active apart', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    expect(userState(USERS[0], now)).toBe('active');
    expect(userState(USERS[2], now)).toBe('inactive');
    expect(userState(USERS[3], now)).toBe('locked');
    expect(userState(user({ lockedUntil: '2026-11-28T00:00:00Z' }), now)).toBe('active');
  });
});

describe('UsersPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(roles: Role[]) {
    signIn({ roles });
    const fixture = TestBed.createComponent(UsersPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/units').flush(UNITS);
    http.expectOne('/api/users').flush(USERS);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const rows = () => [...host.querySelectorAll('[data-testid="users-table"] tbody tr')];
    const cells = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());
    return { fixture, host, http, rows, cells };
  }

  it('lists users with unit names, zh-TW role names and their state', async () => {
    const { host, rows, cells } = await render([Role.SystemAdmin]);
    const headers = [...host.querySelectorAll('[data-testid="users-table"] th')].map((th) => th.textContent!.trim());
    expect(headers).toEqual(['帳號', '姓名', '單位', '角色', '狀態', '最後登入', '密碼變更日', '操作']);
    expect(rows()).toHaveLength(4);
    const wu = cells(rows()[1]);
    expect(wu.slice(0, 3)).toEqual(['wu.jy', '吳佳穎', '服務科']);
    expect([...rows()[1].querySelectorAll('mat-chip')].map((chip) => chip.textContent!.trim())).toEqual(['服務科', '單位主管']);
    expect(wu[4]).toBe('啟用');
    expect(wu[5]).toBe('從未登入');
    expect(cells(rows()[0])[6]).toBe('115/10/01');
    expect(cells(rows()[2])[4]).toBe('停用');
    expect(cells(rows()[3])[4]).toBe('鎖定中');
    expect(rows()[3].querySelector('[data-testid="user-unlock"]')).not.toBeNull();
    expect(rows()[0].querySelector('[data-testid="user-unlock"]')).toBeNull();
  });

  it('is read-only for other roles that may see it', async () => {
    const { host, rows } = await render([Role.Auditor]);
    expect(host.querySelector('[data-testid="user-create"]')).toBeNull();
    expect(rows()[0].querySelector('[data-testid="user-edit"]')).toBeNull();
    expect(host.querySelector('[data-testid="users-table"] th:last-child')!.textContent).toContain('密碼變更日');
  });

  it('starts a unit head on their own unit', async () => {
    signIn({ roles: [Role.UnitHead], unitCode: 'SV' });
    const fixture = TestBed.createComponent(UsersPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/units').flush(UNITS);
    http.expectOne('/api/users?unit=SV').flush([USERS[1]]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelectorAll('[data-testid="users-table"] tbody tr')).toHaveLength(1);
    expect(host.querySelector('[data-testid="user-create"]')).toBeNull();
  });

  it('filters by unit and by text through the query', async () => {
    const { fixture, host, http } = await render([Role.Auditor]);
    const text = host.querySelector<HTMLInputElement>('[data-testid="users-text-filter"]')!;
    text.value = '林';
    text.dispatchEvent(new Event('input'));
    host.querySelector<HTMLFormElement>('form.filters')!.dispatchEvent(new Event('submit'));
    TestBed.tick();
    const request = http.expectOne((req) => req.url === '/api/users');
    expect(request.request.params.get('q')).toBe('林');
    expect(request.request.params.has('unit')).toBe(false);
    request.flush([USERS[0]]);
    await fixture.whenStable();
    expect(host.textContent).toContain('共 1 位使用者');
  });

  it('lets the administrator create a user and shows the initial password once', async () => {
    const { fixture, host, http } = await render([Role.SystemAdmin]);
    host.querySelector<HTMLButtonElement>('[data-testid="user-create"]')!.click();
    await fixture.whenStable();
    const form = host.querySelector<HTMLFormElement>('[data-testid="user-form"]')!;
    expect(document.activeElement).toBe(form.querySelector('[data-testid="user-account"]'));

    const type = (id: string, value: string) => {
      const input = form.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('user-account', 'kao.sf');
    type('user-display-name', '高淑芬');
    type('user-extension', '2315');
    form.querySelector<HTMLElement>('[data-testid="user-unit"] .mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => option.textContent!.includes('房屋稅科'))!.click();
    form.querySelector<HTMLInputElement>('[data-role="knowledge-contact"] input')!.click();
    await fixture.whenStable();
    form.querySelector<HTMLButtonElement>('[data-testid="user-save"]')!.click();

    const create = http.expectOne('/api/users');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({
      account: 'kao.sf',
      displayName: '高淑芬',
      email: null,
      extension: '2315',
      unitCode: 'HT',
      roles: [Role.KnowledgeContact],
    });
    create.flush({ account: 'kao.sf', initialPassword: 'Tq7#mPz2-Lx9w', user: user({ id: 5, account: 'kao.sf' }) });
    TestBed.tick();
    http.expectOne('/api/users').flush([...USERS, user({ id: 5, account: 'kao.sf' })]);
    await fixture.whenStable();

    expect(host.querySelector('[data-testid="initial-password"]')!.textContent!.trim()).toBe('Tq7#mPz2-Lx9w');
    expect(host.textContent).toContain('此密碼只會顯示這一次');
    expect(host.querySelector('[data-testid="user-form"]')).toBeNull();
  });

  it('shows the server reason under the field it names', async () => {
    const { fixture, host, http } = await render([Role.SystemAdmin]);
    host.querySelector<HTMLButtonElement>('[data-testid="user-edit"]')!.click();
    await fixture.whenStable();
    const form = host.querySelector<HTMLFormElement>('[data-testid="user-form"]')!;
    expect(form.querySelector<HTMLInputElement>('[data-testid="user-account"]')!.disabled).toBe(true);
    form.querySelector<HTMLButtonElement>('[data-testid="user-save"]')!.click();
    const update = http.expectOne('/api/users/1');
    expect(update.request.method).toBe('PATCH');
    update.flush(
      {
        statusCode: 422,
        code: 'VALIDATION_FAILED',
        message: { 'zh-TW': '資料有誤', en: 'Invalid data' },
        details: [{ field: 'displayName', reason: '姓名不可超過 50 字' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(form.querySelector('[data-testid="user-form-error"]')!.textContent).toContain('資料有誤');
    expect(form.querySelector('mat-error')!.textContent).toContain('姓名不可超過 50 字');
    expect(open).not.toHaveBeenCalled();
  });
});
