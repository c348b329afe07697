import type { TableColumnOptions } from 'typeorm';

/** created_at / updated_at, set by the repositories (no dialect-specific defaults). */
export function timestampColumns(): TableColumnOptions[] {
  return [
    { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
    { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
  ];
}
