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
