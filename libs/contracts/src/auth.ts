import type { Role } from './org';

/** Routes of the accounts feature, shared by the api and the web app. */
export const AUTH_ROUTES = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  password: '/api/auth/password',
  sessions: '/api/auth/sessions',
  csrf: '/api/auth/csrf',
} as const;

/** Cookie and header names; the web app's HttpClient XSRF support uses the same two. */
export const SESSION_COOKIE = 'td_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';

export interface LoginRequest {
  account: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Why the user may do nothing but change their password. */
export type PasswordChangeReason = 'initial' | 'expired' | 'reset';

export interface MeDto {
  id: number;
  account: string;
  displayName: string;
  email: string | null;
  extension: string | null;
  unitCode: string;
  unitName: string;
  roles: Role[];
  /** Days until the password must be changed (negative when overdue). */
  passwordExpiresInDays: number;
  /** True from the reminder window on (14 days by default). */
  passwordReminder: boolean;
  /** Set when every route but the password change and logout answers 403 PASSWORD_CHANGE_REQUIRED. */
  passwordChangeRequired: PasswordChangeReason | null;
  sessionExpiresAt: string;
}

/** PATCH /api/auth/me: what a user may change about themselves. Anything else is refused. */
export interface UpdateProfileRequest {
  displayName?: string;
  email?: string | null;
  extension?: string | null;
}

export interface SessionDto {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientIp: string | null;
  userAgent: string | null;
}

export interface UserDto {
  id: number;
  account: string;
  displayName: string;
  email: string | null;
  extension: string | null;
  unitCode: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  passwordChangeRequired: PasswordChangeReason | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateUserRequest {
  account: string;
  displayName: string;
  email?: string | null;
  extension?: string | null;
  unitCode: string;
  roles: Role[];
}

export interface UpdateUserRequest {
  displayName?: string;
  email?: string | null;
  extension?: string | null;
  unitCode?: string;
  roles?: Role[];
  active?: boolean;
}

/** Shown once; never stored in plain text and never logged. */
export interface InitialPasswordDto {
  account: string;
  initialPassword: string;
}

export interface CreateUnitRequest {
  code: string;
  name: string;
  kind: string;
  parentCode?: string | null;
  categories?: string[];
  /** 業務職掌 keywords, each at most 32 characters, at most 1000 joined by 、 */
  duties?: string[];
  /** 轄區, same limits as duties */
  districts?: string[];
  active?: boolean;
}

export type UpdateUnitRequest = Partial<Omit<CreateUnitRequest, 'code'>>;
