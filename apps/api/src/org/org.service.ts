import { Injectable, Logger } from '@nestjs/common';
import type { ImportSummary, RejectedLine, UnitDto } from '@tunedesk/contracts';
import { matchHeaders } from '@tunedesk/domain';
import { DomainError } from '../common/domain-error';
import { readTable } from '../common/tabular/read-table';
import { UnitEntity } from './unit.entity';
import { UnitsRepository } from './units.repository';
import { UNIT_FIELDS, UnitField, UnitRow, validateUnitRow } from './org-import';

/** The share of rejected rows above which an import is refused whole (format rules, default 5 %). */
export const DEFAULT_REJECT_SHARE = 0.05;

export function toUnitDto(u: UnitEntity): UnitDto {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentCode: u.parentCode,
    categories: u.categories ? u.categories.split('、') : [],
    active: u.active,
  };
}

@Injectable()
export class OrgService {
  private readonly logger = new Logger(OrgService.name);

  constructor(private readonly units: UnitsRepository) {}

  async listUnits(): Promise<UnitDto[]> {
    return (await this.units.findAll()).map(toUnitDto);
  }

  /**
   * Imports units (format 8). Creates new codes, updates changed ones, leaves
   * the rest; importing the same file twice changes nothing. All or nothing:
   * a refused file writes no row.
   */
  async importUnits(buffer: Buffer, fileName: string, rejectShare = DEFAULT_REJECT_SHARE): Promise<ImportSummary> {
    const table = await readTable(buffer, fileName);
    const match = matchHeaders(table.headers, UNIT_FIELDS);
    if (match.missing.length) {
      const names = match.missing.map((m) => m.label).join('、');
      throw new DomainError(
        'IMPORT_HEADER_MISSING',
        {
          'zh-TW': `檔案「${fileName}」缺少必要欄位：${names}（第 1 列）`,
          en: `"${fileName}" is missing required column(s): ${match.missing.map((m) => `${m.label} (${m.field})`).join(', ')} (row 1)`,
        },
        422,
        match.missing.map((m) => ({ file: fileName, row: 1, column: m.label, reason: 'missing header' })),
      );
    }

    const rejectedLines: RejectedLine[] = [];
    const accepted: UnitRow[] = [];
    const seenCodes = new Map<string, number>();
    const seenNames = new Map<string, number>();
    for (const { row, cells } of table.rows) {
      const get = (f: UnitField) => {
        const index = match.columns[f];
        return index === undefined ? '' : (cells[index] ?? '');
      };
      const result = validateUnitRow(row, get);
      if (Array.isArray(result)) {
        rejectedLines.push(...result);
        continue;
      }
      const dupCode = seenCodes.get(result.code);
      const dupName = seenNames.get(result.name);
      if (dupCode !== undefined || dupName !== undefined) {
        rejectedLines.push({
          row,
          column: dupCode !== undefined ? '單位代碼' : '單位名稱',
          reason: `與第 ${dupCode ?? dupName} 列重複 (duplicates row ${dupCode ?? dupName})`,
        });
        continue;
      }
      seenCodes.set(result.code, row);
      seenNames.set(result.name, row);
      accepted.push(result);
    }

    const summary = await this.units.transaction(async (repo) => {
      const existing = new Map((await repo.find()).map((u) => [u.code, u]));
      const known = new Set([...existing.keys(), ...accepted.map((a) => a.code)]);
      const nameOwner = new Map([...existing.values()].map((u) => [u.name, u.code]));
      const valid = accepted.filter((a) => {
        if (a.parentCode && !known.has(a.parentCode)) {
          rejectedLines.push({ row: a.row, column: '上級單位', reason: `上級單位「${a.parentCode}」不存在 (unknown parent unit)` });
          return false;
        }
        const owner = nameOwner.get(a.name);
        if (owner && owner !== a.code) {
          rejectedLines.push({ row: a.row, column: '單位名稱', reason: `名稱已由單位 ${owner} 使用 (name already used by unit ${owner})` });
          return false;
        }
        return true;
      });
      const rowsSeen = table.rows.length;
      const rejectedRows = new Set(rejectedLines.map((r) => r.row)).size;
      if (rowsSeen > 0 && rejectedRows / rowsSeen > rejectShare) {
        throw new DomainError(
          'IMPORT_TOO_MANY_REJECTED',
          {
            'zh-TW': `檔案「${fileName}」有 ${rejectedRows} / ${rowsSeen} 列錯誤，超過容許比例 ${Math.round(rejectShare * 100)}%，整個檔案未匯入`,
            en: `"${fileName}": ${rejectedRows} of ${rowsSeen} rows are invalid, above the ${Math.round(rejectShare * 100)}% limit; nothing was imported`,
          },
          422,
          rejectedLines.map((r) => ({ file: fileName, ...r })),
        );
      }
      const now = new Date();
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const a of valid) {
        const categories = a.categories.join('、');
        const current = existing.get(a.code);
        if (!current) {
          await repo.insert({ ...a, categories, active: true, createdAt: now, updatedAt: now });
          created++;
        } else if (
          current.name !== a.name ||
          current.kind !== a.kind ||
          current.parentCode !== a.parentCode ||
          current.categories !== categories
        ) {
          await repo.update({ code: a.code }, { name: a.name, kind: a.kind, parentCode: a.parentCode, categories, updatedAt: now });
          updated++;
        } else {
          unchanged++;
        }
      }
      return { created, updated, unchanged };
    });
    rejectedLines.sort((a, b) => a.row - b.row);
    this.logger.log({ fileName, encoding: table.encoding, ...summary, rejected: rejectedLines.length }, 'Units imported');
    return { fileName, encoding: table.encoding, ...summary, rejected: new Set(rejectedLines.map((r) => r.row)).size, rejectedLines };
  }
}
