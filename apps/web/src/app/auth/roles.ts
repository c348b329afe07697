import { Role } from '@tunedesk/contracts';

/** Who may open which part of the app; the server checks the same again. */
export const USER_READER_ROLES: readonly Role[] = [Role.SystemAdmin, Role.GroupLeader, Role.ServiceSection, Role.Auditor, Role.UnitHead];
export const AUDIT_ROLES: readonly Role[] = [Role.Auditor, Role.SystemAdmin];
export const ADMIN_ROLES: readonly Role[] = [Role.SystemAdmin];
/** Import profiles, synonyms and routing rules: the service section and the administrator edit, the group leader reads. */
export const TUNING_READER_ROLES: readonly Role[] = [Role.ServiceSection, Role.SystemAdmin, Role.GroupLeader];
export const TUNING_EDITOR_ROLES: readonly Role[] = [Role.ServiceSection, Role.SystemAdmin];
/** Who works queues: the units' knowledge contacts and the group leader (triage). */
export const QUEUE_ROLES: readonly Role[] = [Role.KnowledgeContact, Role.GroupLeader];
/** The website page inventory: the service section (web admin) and the administrator add, move, retire and import. */
export const WEBSITE_PAGE_EDITOR_ROLES: readonly Role[] = [Role.ServiceSection, Role.SystemAdmin];
/** The website reviews' units × months grid. */
export const WEBSITE_COMPLIANCE_ROLES: readonly Role[] = [
  Role.ServiceSection,
  Role.Auditor,
  Role.ComplianceOfficer,
  Role.GroupLeader,
  Role.SystemAdmin,
];
