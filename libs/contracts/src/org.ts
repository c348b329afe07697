/** 科 / 室 / 分局: all are units (format 8). */
export enum UnitKind {
  Section = '科',
  Office = '室',
  Branch = '分局',
}

export const UNIT_KINDS: readonly UnitKind[] = [UnitKind.Section, UnitKind.Office, UnitKind.Branch];

export interface UnitDto {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  /** 稅目分類 values the unit owns */
  categories: string[];
  /**
   * 業務職掌: keywords of what else the unit handles (format 8, optional column).
   * The API always sends it, empty when unknown; optional in the type only so
   * that fixtures written before it still type-check.
   */
  duties?: string[];
  /** 轄區: the districts a branch serves (format 8, optional column); always sent, like duties. */
  districts?: string[];
  active: boolean;
}

/** The roles of DESIGN.md; powers arrive with the accounts issue. */
export enum Role {
  KnowledgeContact = 'knowledge-contact',
  GroupLeader = 'group-leader',
  UnitHead = 'unit-head',
  ServiceSection = 'service-section',
  ItSection = 'it-section',
  ComplianceOfficer = 'compliance-officer',
  Auditor = 'auditor',
  SystemAdmin = 'system-admin',
}

/** Roles whose powers reach every unit; the others reach their own unit only. */
export const ALL_UNIT_ROLES: readonly Role[] = [
  Role.GroupLeader,
  Role.ServiceSection,
  Role.ItSection,
  Role.ComplianceOfficer,
  Role.Auditor,
  Role.SystemAdmin,
];

export const ROLES: readonly Role[] = Object.values(Role);
