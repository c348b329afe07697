import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { UNIT_KINDS, UnitKind, type ImportSummary, type RejectedLine, type UnitDto } from '@tunedesk/contracts';
import { matchHeaders } from '@tunedesk/domain';
import { AuditService } from '../audit/audit.service';
import { changedFields } from '../audit/audit-changes';
import { Actor, systemActor } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { UsersRepository } from './users.repository';
import { problemLine, readTable } from '../common/tabular/read-table';
import { UnitEntity } from './unit.entity';
import { UnitsRepository } from './units.repository';
import { keywordListProblem, normalizeCode, splitCategories, UNIT_FIELDS, UnitField, UnitRow, validateUnitRow } from './org-import';

/** The share of rejected rows above which an import is refused whole (format rules, default 5 %). */
export const DEFAULT_REJECT_SHARE = 0.05;

/** Unit fields the trail records on create and update. */
const AUDITED_UNIT_FIELDS: (keyof UnitDto)[] = ['name', 'kind', 'parentCode', 'categories', 'duties', 'districts', 'active'];

/** A list stored joined by 、 (the format's own separator, never inside a value). */
const splitJoined = (joined: string): string[] => (joined ? joined.split('、') : []);

const unitNotFound = (code: string) =>
  new DomainError('UNIT_NOT_FOUND', { 'zh-TW': `找不到單位 ${code}`, en: `No unit ${code}` }, HttpStatus.NOT_FOUND);

export function toUnitDto(u: UnitEntity): UnitDto {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentCode: u.parentCode,
    categories: splitJoined(u.categories),
    duties: splitJoined(u.duties),
    districts: splitJoined(u.districts),
    active: u.active,
  };
}

@Injectable()
export class OrgService {
  private readonly logger = new Logger(OrgService.name);

  constructor(
    private readonly units: UnitsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async getUnit(code: string): Promise<UnitDto> {
    const unit = await this.units.findByCode(normalizeCode(code));
    if (!unit) throw unitNotFound(code);
    return toUnitDto(unit);
  }

  async createUnit(actor: Actor, body: CreateUnitDto): Promise<UnitDto> {
    const code = normalizeCode(body.code);
    const fields = await this.checkedFields(body, code);
    return this.tx.run(async (m) => {
      if (await m.getRepository(UnitEntity).findOneBy({ code }))
        throw new DomainError(
          'UNIT_EXISTS',
          { 'zh-TW': `單位代碼 ${code} 已存在`, en: `Unit ${code} already exists` },
          HttpStatus.CONFLICT,
          [{ field: 'code', reason: 'exists' }],
        );
      const now = this.clock.now();
      const unit = {
        code,
        name: fields.name!,
        kind: fields.kind!,
        parentCode: fields.parentCode ?? null,
        categories: fields.categories ?? '',
        duties: fields.duties ?? '',
        districts: fields.districts ?? '',
        active: body.active ?? true,
        createdAt: now,
        updatedAt: now,
      };
      await m.getRepository(UnitEntity).insert(unit);
      const after = toUnitDto(unit as UnitEntity);
      await this.audit.record(
        {
          action: 'unit.create',
          actor,
          unitCode: code,
          targetType: 'unit',
          targetId: code,
          changes: changedFields(null, after, AUDITED_UNIT_FIELDS),
        },
        m,
      );
      return after;
    });
  }

  async updateUnit(actor: Actor, code: string, body: UpdateUnitDto): Promise<UnitDto> {
    const key = normalizeCode(code);
    const fields = await this.checkedFields(body, key);
    return this.tx.run(async (m) => {
      const current = await m.getRepository(UnitEntity).findOneBy({ code: key });
      if (!current) throw unitNotFound(code);
      const before = toUnitDto(current);
      const next = { ...current, ...fields, ...(body.active !== undefined ? { active: body.active } : {}), updatedAt: this.clock.now() };
      const after = toUnitDto(next);
      const changes = changedFields(before, after, AUDITED_UNIT_FIELDS);
      if (changes.length === 0) return before;
      await m.getRepository(UnitEntity).update(
        { code: key },
        {
          name: next.name,
          kind: next.kind,
          parentCode: next.parentCode,
          categories: next.categories,
          duties: next.duties,
          districts: next.districts,
          active: next.active,
          updatedAt: next.updatedAt,
        },
      );
      await this.audit.record({ action: 'unit.update', actor, unitCode: key, targetType: 'unit', targetId: key, changes }, m);
      return after;
    });
  }

  /** Deletes a unit nobody belongs to; one with people, child units or requests is refused (deactivate it instead). */
  async deleteUnit(actor: Actor, code: string): Promise<void> {
    const key = normalizeCode(code);
    const unit = await this.units.findByCode(key);
    if (!unit) throw unitNotFound(code);
    const people = await this.users.countInUnit(key);
    const children = (await this.units.findAll()).filter((u) => u.parentCode === key).length;
    if (people > 0 || children > 0)
      throw new DomainError(
        'UNIT_IN_USE',
        {
          'zh-TW': `單位 ${key} 仍有 ${people} 位使用者、${children} 個下級單位，不能刪除；請改為停用`,
          en: `Unit ${key} still has ${people} user(s) and ${children} child unit(s); deactivate it instead`,
        },
        HttpStatus.CONFLICT,
      );
    await this.tx.run(async (m) => {
      await m.getRepository(UnitEntity).delete({ code: key });
      await this.audit.record(
        {
          action: 'unit.delete',
          actor,
          unitCode: key,
          targetType: 'unit',
          targetId: key,
          changes: changedFields(toUnitDto(unit), {}, ['name', 'kind']),
        },
        m,
      );
    });
  }

  private async checkedFields(body: UpdateUnitDto, code: string): Promise<Partial<UnitEntity>> {
    const fields: Partial<UnitEntity> = {};
    if (body.name !== undefined) fields.name = body.name.normalize('NFKC').trim();
    if (body.kind !== undefined) {
      if (!UNIT_KINDS.includes(body.kind as UnitKind))
        throw new DomainError(
          'VALIDATION_FAILED',
          { 'zh-TW': '類型須為 科、室 或 分局', en: 'kind must be 科, 室 or 分局' },
          HttpStatus.BAD_REQUEST,
          [{ field: 'kind', reason: 'kind must be 科, 室 or 分局' }],
        );
      fields.kind = body.kind as UnitKind;
    }
    if (body.parentCode !== undefined) {
      const parent = body.parentCode ? normalizeCode(body.parentCode) : null;
      if (parent === code || (parent && !(await this.units.findByCode(parent))))
        throw new DomainError(
          'VALIDATION_FAILED',
          { 'zh-TW': '上級單位不存在或為自己', en: 'The parent unit does not exist or is the unit itself' },
          HttpStatus.BAD_REQUEST,
          [{ field: 'parentCode', reason: 'unknown parent' }],
        );
      fields.parentCode = parent;
    }
    if (body.categories !== undefined) fields.categories = splitCategories(body.categories.join('、')).join('、');
    for (const field of ['duties', 'districts'] as const) {
      const raw = body[field];
      if (raw === undefined) continue;
      const values = splitCategories(raw.join('、'));
      const problem = keywordListProblem(field, values);
      if (problem)
        throw new DomainError('VALIDATION_FAILED', problem, HttpStatus.BAD_REQUEST, [
          { field, reason: `${problem['zh-TW']} / ${problem.en}` },
        ]);
      fields[field] = values.join('、');
    }
    if (fields.name !== undefined) {
      const owner = (await this.units.findAll()).find((u) => u.name === fields.name && u.code !== code);
      if (owner)
        throw new DomainError(
          'UNIT_NAME_TAKEN',
          { 'zh-TW': `名稱已由單位 ${owner.code} 使用`, en: `The name is used by unit ${owner.code}` },
          HttpStatus.CONFLICT,
          [{ field: 'name', reason: 'taken' }],
        );
    }
    return fields;
  }

  async listUnits(): Promise<UnitDto[]> {
    return (await this.units.findAll()).map(toUnitDto);
  }

  /**
   * Imports units (format 8). Creates new codes, updates changed ones, leaves
   * the rest; importing the same file twice changes nothing. All or nothing:
   * a refused file writes no row.
   */
  async importUnits(
    buffer: Buffer,
    fileName: string,
    rejectShare = DEFAULT_REJECT_SHARE,
    actor: Actor = systemActor('import'),
  ): Promise<ImportSummary> {
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
    for (const read of table.rows) {
      if (read.problem) {
        rejectedLines.push(problemLine(table.headers, read));
        continue;
      }
      const { row, cells } = read;
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

    const summary = await this.tx.run(async (manager) => {
      const repo = manager.getRepository(UnitEntity);
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
      const now = this.clock.now();
      const hasDuties = match.columns.duties !== undefined;
      const hasDistricts = match.columns.districts !== undefined;
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const a of valid) {
        const fields: Partial<UnitEntity> = {
          name: a.name,
          kind: a.kind,
          parentCode: a.parentCode,
          categories: a.categories.join('、'),
          // 業務職掌 and 轄區 are optional columns: a file without one says nothing about it, so what is stored stays.
          ...(hasDuties ? { duties: a.duties.join('、') } : {}),
          ...(hasDistricts ? { districts: a.districts.join('、') } : {}),
        };
        const current = existing.get(a.code);
        if (!current) {
          await repo.insert({ duties: '', districts: '', ...fields, code: a.code, active: true, createdAt: now, updatedAt: now });
          created++;
        } else if ((Object.keys(fields) as (keyof typeof fields)[]).some((k) => current[k] !== fields[k])) {
          await repo.update({ code: a.code }, { ...fields, updatedAt: now });
          updated++;
        } else {
          unchanged++;
        }
      }
      await this.audit.record(
        {
          action: 'unit.import',
          actor,
          unitCode: null,
          targetType: 'unit',
          detail: { fileName, created, updated, unchanged, rejected: rejectedLines.length },
        },
        manager,
      );
      return { created, updated, unchanged };
    });
    rejectedLines.sort((a, b) => a.row - b.row);
    this.logger.log({ fileName, encoding: table.encoding, ...summary, rejected: rejectedLines.length }, 'Units imported');
    return { fileName, encoding: table.encoding, ...summary, rejected: new Set(rejectedLines.map((r) => r.row)).size, rejectedLines };
  }
}
