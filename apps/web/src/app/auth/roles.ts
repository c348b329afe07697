import { Role } from '@tunedesk/contracts';

/** Who may open which part of the app; the server checks the same again. */
export const USER_READER_ROLES: readonly Role[] = [Role.SystemAdmin, Role.GroupLeader, Role.ServiceSection, Role.Auditor, Role.UnitHead];
export const AUDIT_ROLES: readonly Role[] = [Role.Auditor, Role.SystemAdmin];
export const ADMIN_ROLES: readonly Role[] = [Role.SystemAdmin];
