import { UNIT_KINDS, type UnitDto, type UnitKind } from '@tunedesk/contracts';

export interface KindCount {
  kind: UnitKind;
  count: number;
}

export function countByKind(units: readonly UnitDto[]): KindCount[] {
  return UNIT_KINDS.map((kind) => ({ kind, count: units.filter((unit) => unit.kind === kind).length }));
}
