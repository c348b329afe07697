import { TestBed } from '@angular/core/testing';
import { type MeDto, Role } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';

/** A signed-in user for specs; a knowledge contact of 房屋稅科 unless told otherwise. */
export function makeMe(overrides: Partial<MeDto> = {}): MeDto {
  return {
    id: 7,
    account: 'chen.mh',
    displayName: '陳美華',
    email: 'chen.mh@tax.tycg.gov.tw',
    extension: '2310',
    unitCode: 'HT',
    unitName: '房屋稅科',
    roles: [Role.KnowledgeContact],
    passwordExpiresInDays: 60,
    passwordReminder: false,
    passwordChangeRequired: null,
    sessionExpiresAt: '2026-11-29T10:00:00Z',
    ...overrides,
  };
}

/** Signs a user in without a request (call after configureTestingModule). */
export function signIn(overrides: Partial<MeDto> = {}): MeDto {
  const me = makeMe(overrides);
  TestBed.inject(AuthService).me.set(me);
  return me;
}
