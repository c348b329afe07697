import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every request DTO that takes a list validates each item, and every nested
 * object is validated by its own class: a body such as {"items":[null]} must be
 * refused by the ValidationPipe, naming the field, never reach a service as a
 * TypeError. Objects with free keys are listed here with who checks them.
 */
const CHECKED_BY_SERVICE: Record<string, string> = {
  // { cluster: { field: [names] } }: TuningSettingsService.cleanAliases checks every level and names the path.
  'ImportProfileBody.aliases': 'tuning-settings.service.ts cleanAliases',
  // { proposalId: comment }: ProposalsService.returnList keeps text comments and names comments.<id>.
  'ReturnBody.comments': 'proposals.service.ts returnList',
  // rows of cells: tableXlsx checks each row and cell and names rows[r][c].
  'TableExportBody.rows': 'dashboard/export-xlsx.ts tableXlsx',
};

const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('request DTOs', () => {
  // Load every file that declares class-validator rules, so the metadata below holds every DTO.
  const files = sourceFiles(SRC).filter((f) => /from 'class-validator'/.test(readFileSync(f, 'utf8')));
  const byProperty = new Map<string, ValidationMetadata[]>();
  beforeAll(async () => {
    for (const f of files) await import(f);
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<{ name: string }, ValidationMetadata[]> };
    for (const [target, list] of storage.validationMetadatas) {
      for (const m of list) {
        const key = `${target.name}.${m.propertyName}`;
        byProperty.set(key, [...(byProperty.get(key) ?? []), m]);
      }
    }
  });

  it('found the DTOs (the scan is not vacuous)', () => {
    expect(files.map((f) => relative(SRC, f))).toEqual(
      expect.arrayContaining(['proposals/dto.ts', 'tuning/dto.ts', 'org/dto/user.dto.ts']),
    );
    expect(byProperty.has('BulkBody.items')).toBe(true);
    expect(byProperty.has('SplitBody.wordings')).toBe(true);
  });

  it('validates each item of every list property', () => {
    const unchecked = [...byProperty]
      .filter(([key, rules]) => rules.some((r) => r.name === 'isArray') && !CHECKED_BY_SERVICE[key])
      .filter(([, rules]) => !rules.some((r) => r.each && r.name !== 'isArray'))
      .map(([key]) => key);
    expect(unchecked).toEqual([]);
  });

  it('validates every nested object with its own class', () => {
    const unchecked = [...byProperty]
      .filter(([key, rules]) => rules.some((r) => r.name === 'isObject') && !CHECKED_BY_SERVICE[key])
      .filter(([, rules]) => !rules.some((r) => r.type === 'nestedValidation'))
      .map(([key]) => key);
    expect(unchecked).toEqual([]);
  });

  it('lists of objects are validated item by item with a class', () => {
    const unchecked = [...byProperty]
      .filter(([, rules]) => rules.some((r) => r.name === 'isObject' && r.each))
      .filter(([, rules]) => !rules.some((r) => r.type === 'nestedValidation' && r.each))
      .map(([key]) => key);
    expect(unchecked).toEqual([]);
  });
});
