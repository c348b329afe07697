import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import {
  KbItemStatus,
  KB_STATUS_LABELS,
  type KbDiffDto,
  type KbFieldDiff,
  type KbHealthDto,
  type KbImportResultDto,
  type KbItemDto,
  type KbItemPageDto,
  type KbItemSummaryDto,
  type KbSearchHitDto,
  type KbSnapshot,
  type KbVersionDto,
  type RejectedLine,
} from '@tunedesk/contracts';
import { canonicalJson, charDiff, formatRocInstant, matchHeaders, pastYearsMentioned, spreadsheetSafe } from '@tunedesk/domain';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock, taipeiDay } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { problemLine, readTable } from '../common/tabular/read-table';
import { type TableFormat, tableFile } from '../common/tabular/write-table';
import type { DownloadFile } from '../common/send-file';
import { Transactions } from '../database/transactions';
import { normalizeCode } from '../org/org-import';
import { UnitsRepository } from '../org/units.repository';
import { KbIndexService } from './kb-index.service';
import { KB_FIELDS, KbField, KbRow, validateKbRow } from './kb-import';
import { KbItemEntity, KbVersionEntity } from './kb-item.entity';
import { KbListFilter, KnowledgeRepository } from './knowledge.repository';

export const DEFAULT_REJECT_SHARE = 0.05;

const SNAPSHOT_FIELDS: (keyof KbSnapshot)[] = [
  'category',
  'question',
  'alternates',
  'answer',
  'keywords',
  'ownerUnitCode',
  'status',
  'effectiveDate',
  'expiryDate',
];

export function snapshotOf(item: KbItemEntity): KbSnapshot {
  return {
    category: item.category,
    question: item.question,
    alternates: [...(item.alternateRows ?? [])].sort((a, b) => a.position - b.position).map((a) => a.text),
    answer: item.answer,
    keywords: item.keywords ? item.keywords.split('、').filter(Boolean) : [],
    ownerUnitCode: item.ownerUnitCode,
    status: item.status,
    effectiveDate: item.effectiveDate,
    expiryDate: item.expiryDate,
  };
}

/** Field names as the version reason shows them (the reason is read by people). */
const FIELD_LABELS: Record<keyof KbSnapshot, string> = {
  category: '稅目分類',
  question: '標準問句',
  alternates: '相似問句',
  answer: '答案',
  keywords: '關鍵字',
  ownerUnitCode: '權責單位',
  status: '狀態',
  effectiveDate: '生效日期',
  expiryDate: '失效日期',
};

const notFound = (id: string) =>
  new DomainError('KB_ITEM_NOT_FOUND', { 'zh-TW': `找不到題目 ${id}`, en: `No knowledge item ${id}` }, HttpStatus.NOT_FOUND);

/** Text of a snapshot field for display and diffing. */
function fieldText(s: KbSnapshot, f: keyof KbSnapshot): string {
  const v = s[f];
  if (Array.isArray(v)) return v.join('\n');
  if (f === 'status') return KB_STATUS_LABELS[v as KbItemStatus] ?? String(v);
  return v == null ? '' : String(v);
}

/** Export columns: format 3, in its order. */
const EXPORT_HEADERS = ['題目編號', '稅目分類', '標準問句', '相似問句', '答案', '關鍵字', '權責單位', '狀態', '最後修改日'];

@Injectable()
export class KnowledgeService {
  private readonly logger = new Logger(KnowledgeService.name);

  constructor(
    private readonly repo: KnowledgeRepository,
    private readonly index: KbIndexService,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  private names: { at: number; map: Map<string, string> } | null = null;

  /** Unit names for display; read at most every few seconds (searches ask for them constantly). */
  private async unitNames(): Promise<Map<string, string>> {
    if (!this.names || Date.now() - this.names.at > 5000)
      this.names = { at: Date.now(), map: new Map((await this.units.findAll()).map((u) => [u.code, u.name])) };
    return this.names.map;
  }

  private summary(item: KbItemEntity, names: Map<string, string>): KbItemSummaryDto {
    return {
      id: item.id,
      category: item.category,
      question: item.question,
      ownerUnitCode: item.ownerUnitCode,
      ownerUnitName: item.ownerUnitCode ? (names.get(item.ownerUnitCode) ?? item.ownerUnitCode) : null,
      status: item.status,
      alternateCount: item.alternateRows?.length ?? 0,
      version: item.version,
      updatedAt: item.updatedAt.toISOString(),
    };
  }

  async list(filter: KbListFilter, page = 1, pageSize = 50): Promise<KbItemPageDto> {
    const size = Math.min(200, Math.max(1, pageSize));
    const [rows, total] = await this.repo.page(filter, (Math.max(1, page) - 1) * size, size);
    const names = await this.unitNames();
    return { items: rows.map((r) => this.summary(r, names)), total, page: Math.max(1, page), pageSize: size };
  }

  categories(): Promise<string[]> {
    return this.repo.categories();
  }

  async get(id: string): Promise<KbItemDto> {
    const item = await this.repo.findById(id);
    if (!item) throw notFound(id);
    const names = await this.unitNames();
    const s = snapshotOf(item);
    return {
      ...this.summary(item, names),
      alternates: s.alternates,
      answer: s.answer,
      keywords: s.keywords,
      effectiveDate: item.effectiveDate,
      expiryDate: item.expiryDate,
      createdBy: item.createdBy,
      createdAt: item.createdAt.toISOString(),
      updatedBy: item.updatedBy,
    };
  }

  private versionDto(v: KbVersionEntity): KbVersionDto {
    return {
      version: v.version,
      source: v.source,
      reason: v.reason,
      changedBy: v.changedBy,
      changedAt: v.changedAt.toISOString(),
      snapshot: JSON.parse(v.snapshot) as KbSnapshot,
    };
  }

  async versions(id: string): Promise<KbVersionDto[]> {
    if (!(await this.repo.findById(id))) throw notFound(id);
    return (await this.repo.listVersions(id)).map((v) => this.versionDto(v));
  }

  /** Two versions side by side, field by field, with the changed characters marked. */
  async diff(id: string, from: number, to: number): Promise<KbDiffDto> {
    const [a, b] = await Promise.all([this.repo.findVersion(id, from), this.repo.findVersion(id, to)]);
    if (!a || !b)
      throw new DomainError(
        'KB_VERSION_NOT_FOUND',
        { 'zh-TW': `題目 ${id} 沒有第 ${!a ? from : to} 版`, en: `Item ${id} has no version ${!a ? from : to}` },
        HttpStatus.NOT_FOUND,
      );
    const before = JSON.parse(a.snapshot) as KbSnapshot;
    const after = JSON.parse(b.snapshot) as KbSnapshot;
    const fields: KbFieldDiff[] = SNAPSHOT_FIELDS.map((field) => {
      const x = fieldText(before, field);
      const y = fieldText(after, field);
      return { field, changed: x !== y, before: x, after: y, segments: charDiff(x, y) };
    });
    return { itemId: id, from, to, fields };
  }

  /** The closest items to any question, by standard question, alternates and keywords. */
  /** Every item as stored (for the cycle's review of the bank). */
  allItems(): Promise<KbItemEntity[]> {
    return this.repo.findAll();
  }

  async search(query: string, limit = 10, options: { publishedOnly?: boolean } = {}): Promise<KbSearchHitDto[]> {
    const { index, items } = await this.index.current();
    const names = await this.unitNames();
    const hits = index.search(query, options.publishedOnly ? limit * 3 : limit);
    return hits
      .map((h) => ({ hit: h, item: items.get(h.key)! }))
      .filter(({ item }) => item && (!options.publishedOnly || item.status === KbItemStatus.Published))
      .slice(0, limit)
      .map(({ hit, item }) => ({
        item: this.summary(item, names),
        score: Math.round(hit.score * 1000) / 1000,
        matchedKind: hit.kind as KbSearchHitDto['matchedKind'],
        matchedText: hit.text,
      }));
  }

  /**
   * Imports the vendor's bank (format 3). New ids are created, changed items
   * get a new version, the rest are left; an item the file lacks is reported
   * in `missing`, never deleted. All or nothing: a refused file writes nothing.
   */
  async import(actor: Actor, buffer: Buffer, fileName: string, rejectShare = DEFAULT_REJECT_SHARE): Promise<KbImportResultDto> {
    const table = await readTable(buffer, fileName);
    const match = matchHeaders(table.headers, KB_FIELDS);
    if (match.missing.length) {
      throw new DomainError(
        'IMPORT_HEADER_MISSING',
        {
          'zh-TW': `檔案「${fileName}」缺少必要欄位：${match.missing.map((m) => m.label).join('、')}（第 1 列）`,
          en: `"${fileName}" is missing required column(s): ${match.missing.map((m) => `${m.label} (${m.field})`).join(', ')} (row 1)`,
        },
        HttpStatus.UNPROCESSABLE_ENTITY,
        match.missing.map((m) => ({ file: fileName, row: 1, column: m.label, reason: 'missing header' })),
      );
    }
    const unitList = await this.units.findAll();
    const byName = new Map(unitList.map((u) => [u.name.normalize('NFKC'), u.code]));
    const codes = new Set(unitList.map((u) => u.code));
    const owner = (text: string) =>
      byName.get(text.normalize('NFKC').trim()) ?? (codes.has(normalizeCode(text)) ? normalizeCode(text) : null);

    const rejectedLines: RejectedLine[] = [];
    const accepted: KbRow[] = [];
    const seen = new Map<string, number>();
    const idsInFile = new Set<string>();
    for (const read of table.rows) {
      if (read.problem) {
        rejectedLines.push(problemLine(table.headers, read));
        continue;
      }
      const { row, cells } = read;
      const get = (f: KbField) => {
        const i = match.columns[f];
        return i === undefined ? '' : (cells[i] ?? '');
      };
      idsInFile.add(get('id').normalize('NFKC').trim());
      const result = validateKbRow(row, get, owner);
      if (Array.isArray(result)) {
        rejectedLines.push(...result);
        continue;
      }
      const earlier = seen.get(result.id.toUpperCase());
      if (earlier !== undefined) {
        rejectedLines.push({ row, column: '題目編號', reason: `與第 ${earlier} 列的題目編號重複 (duplicates row ${earlier})` });
        continue;
      }
      seen.set(result.id.toUpperCase(), row);
      accepted.push(result);
    }
    const rowsSeen = table.rows.length;
    const rejectedRows = new Set(rejectedLines.map((r) => r.row)).size;
    if (rowsSeen === 0 || rejectedRows / rowsSeen > rejectShare) {
      throw new DomainError(
        'IMPORT_TOO_MANY_REJECTED',
        rowsSeen === 0
          ? { 'zh-TW': `檔案「${fileName}」沒有任何資料列`, en: `"${fileName}" has no data rows` }
          : {
              'zh-TW': `檔案「${fileName}」有 ${rejectedRows} / ${rowsSeen} 列錯誤，超過容許比例 ${Math.round(rejectShare * 100)}%，整個檔案未匯入`,
              en: `"${fileName}": ${rejectedRows} of ${rowsSeen} rows are invalid, above the ${Math.round(rejectShare * 100)}% limit; nothing was imported`,
            },
        HttpStatus.UNPROCESSABLE_ENTITY,
        rejectedLines.map((r) => ({ file: fileName, ...r })),
      );
    }
    const keepIfAbsent = (f: KbField) => match.columns[f] === undefined;
    const now = this.clock.now();
    const summary = await this.tx.run(async (m) => {
      const existing = new Map((await this.repo.findAll(m)).map((i) => [i.id, i]));
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const a of accepted) {
        const current = existing.get(a.id);
        if (!current) {
          await this.repo.write(m, a.id, a.snapshot, {
            version: 1,
            source: 'import',
            reason: `匯入 ${fileName}`,
            by: actor.account,
            at: now,
            vendorUpdatedOn: a.vendorUpdatedOn,
          });
          created++;
          continue;
        }
        const before = snapshotOf(current);
        const next: KbSnapshot = {
          ...a.snapshot,
          effectiveDate: keepIfAbsent('effectiveDate') ? before.effectiveDate : a.snapshot.effectiveDate,
          expiryDate: keepIfAbsent('expiryDate') ? before.expiryDate : a.snapshot.expiryDate,
          ownerUnitCode: keepIfAbsent('ownerSection') ? before.ownerUnitCode : a.snapshot.ownerUnitCode,
          keywords: keepIfAbsent('keywords') ? before.keywords : a.snapshot.keywords,
          alternates: keepIfAbsent('alternates') ? before.alternates : a.snapshot.alternates,
          status: keepIfAbsent('status') ? before.status : a.snapshot.status,
        };
        if (canonicalJson(next) === canonicalJson(before)) {
          unchanged++;
          continue;
        }
        const changedFields = SNAPSHOT_FIELDS.filter((f) => canonicalJson(next[f]) !== canonicalJson(before[f]));
        await this.repo.write(m, a.id, next, {
          version: current.version + 1,
          source: 'import',
          reason: `匯入 ${fileName}：${changedFields.map((f) => FIELD_LABELS[f]).join('、')}`,
          by: actor.account,
          at: now,
          vendorUpdatedOn: a.vendorUpdatedOn,
        });
        updated++;
      }
      // A rejected row still names its item: only ids the file does not mention at all are missing.
      const missing = [...existing.keys()].filter((id) => !idsInFile.has(id));
      await this.audit.record(
        {
          action: 'kb.import',
          actor,
          unitCode: null,
          targetType: 'kb',
          detail: { fileName, encoding: table.encoding, created, updated, unchanged, rejected: rejectedRows, missing: missing.length },
        },
        m,
      );
      return { created, updated, unchanged, missing };
    });
    this.index.invalidate();
    rejectedLines.sort((a, b) => a.row - b.row);
    this.logger.log(
      { fileName, encoding: table.encoding, created: summary.created, updated: summary.updated, rejected: rejectedRows },
      'Knowledge base imported',
    );
    return { fileName, encoding: table.encoding, ...summary, rejected: rejectedRows, rejectedLines };
  }

  /** The administrator's correction: publish or disable an item, with a reason, as a new version. */
  async setStatus(actor: Actor, id: string, status: KbItemStatus, reason: string): Promise<KbItemDto> {
    await this.tx.run(async (m) => {
      const item = await this.repo.findById(id, m);
      if (!item) throw notFound(id);
      if (item.status === status) return;
      const next = { ...snapshotOf(item), status };
      await this.repo.write(m, id, next, {
        version: item.version + 1,
        source: 'correction',
        reason,
        by: actor.account,
        at: this.clock.now(),
      });
      await this.audit.record(
        {
          action: 'kb.status',
          actor,
          unitCode: item.ownerUnitCode,
          targetType: 'kb-item',
          targetId: id,
          changes: [{ field: 'status', before: item.status, after: status }],
          detail: { reason },
        },
        m,
      );
    });
    this.index.invalidate();
    return this.get(id);
  }

  /**
   * An approved proposal applied to the bank: a new item, a changed one, or a
   * deleted one (kept as 停用, so its history stays), each as a new version
   * whose source is the proposal. Runs inside the caller's transaction.
   */
  async applyProposal(
    m: EntityManager,
    actor: Actor,
    change: {
      proposalId: number;
      kind: 'add' | 'modify' | 'delete';
      itemId: string;
      content: {
        category: string;
        question: string;
        alternates: string[];
        answer: string;
        keywords: string[];
        ownerUnitCode: string;
      } | null;
    },
  ): Promise<void> {
    const current = await this.repo.findById(change.itemId, m);
    const now = this.clock.now();
    const base: KbSnapshot | null = current ? snapshotOf(current) : null;
    if (change.kind === 'add' && current)
      throw new DomainError('KB_ITEM_EXISTS', { 'zh-TW': `題目 ${change.itemId} 已存在`, en: `${change.itemId} exists` }, 409);
    if (change.kind !== 'add' && !current) throw notFound(change.itemId);
    const next: KbSnapshot =
      change.kind === 'delete'
        ? { ...base!, status: KbItemStatus.Disabled }
        : {
            category: change.content!.category,
            question: change.content!.question,
            alternates: change.content!.alternates,
            answer: change.content!.answer,
            keywords: change.content!.keywords,
            ownerUnitCode: change.content!.ownerUnitCode,
            status: KbItemStatus.Published,
            effectiveDate: base?.effectiveDate ?? null,
            expiryDate: base?.expiryDate ?? null,
          };
    await this.repo.write(m, change.itemId, next, {
      version: (current?.version ?? 0) + 1,
      source: 'proposal',
      reason: `提案 #${change.proposalId}（${change.kind === 'add' ? '新增' : change.kind === 'modify' ? '修改' : '刪除'}）`,
      by: actor.account,
      at: now,
    });
    await this.audit.record(
      {
        action: 'kb.proposal-applied',
        actor,
        unitCode: next.ownerUnitCode,
        targetType: 'kb-item',
        targetId: change.itemId,
        detail: { proposalId: change.proposalId, kind: change.kind },
      },
      m,
    );
    this.index.invalidate();
  }

  /** Rows of format 3 for the current bank, every cell spreadsheet-safe. */
  private async exportRows(): Promise<string[][]> {
    const names = await this.unitNames();
    return (await this.repo.findAll()).map((item) => {
      const s = snapshotOf(item);
      return [
        item.id,
        s.category,
        s.question,
        s.alternates.join('｜'),
        s.answer,
        s.keywords.join('、'),
        s.ownerUnitCode ? (names.get(s.ownerUnitCode) ?? s.ownerUnitCode) : '',
        KB_STATUS_LABELS[s.status],
        formatRocInstant(item.updatedAt),
      ].map(spreadsheetSafe);
    });
  }

  async export(actor: Actor, format: TableFormat): Promise<DownloadFile> {
    const rows = await this.exportRows();
    const day = taipeiDay(this.clock.now());
    await this.audit.record({ action: 'kb.export', actor, unitCode: null, targetType: 'kb', detail: { format, items: rows.length } });
    return tableFile(format, `kb-${day}`, [{ name: '題庫', headers: EXPORT_HEADERS, rows, widths: [12, 12, 40, 50, 60, 30, 14, 8, 12] }]);
  }

  /** Candidates for a proposal: duplicate alternates, near-duplicate items, expired items, answers citing past years. */
  async health(nearThreshold = 0.5, crossCategoryThreshold = 0.85): Promise<KbHealthDto> {
    const now = this.clock.now();
    const today = taipeiDay(now);
    const { index, items } = await this.index.current();
    const dupRows = await this.repo.duplicateAlternates();
    const groups = new Map<string, { text: string; itemIds: Set<string> }>();
    for (const r of dupRows) {
      const g = groups.get(r.normalized) ?? { text: r.text, itemIds: new Set<string>() };
      g.itemIds.add(r.itemId);
      groups.set(r.normalized, g);
    }
    const nearDuplicates: KbHealthDto['nearDuplicates'] = [];
    const seenPairs = new Set<string>();
    for (const item of items.values()) {
      for (const hit of index.search(item.question, 5, { kinds: ['question', 'alternate'], exclude: item.id, minScore: nearThreshold })) {
        // The same wording about another tax (房屋稅/地價稅 什麼時候繳) is not a duplicate: across
        // categories only a much closer match counts.
        if (items.get(hit.key)!.category !== item.category && hit.score < crossCategoryThreshold) continue;
        const [a, b] = [item.id, hit.key].sort();
        if (seenPairs.has(`${a}|${b}`)) continue;
        seenPairs.add(`${a}|${b}`);
        nearDuplicates.push({
          a,
          b,
          score: Math.round(hit.score * 1000) / 1000,
          questionA: items.get(a)!.question,
          questionB: items.get(b)!.question,
        });
      }
    }
    nearDuplicates.sort((x, y) => y.score - x.score);
    const year = Number(today.slice(0, 4));
    const staleYears: KbHealthDto['staleYears'] = [];
    for (const item of items.values()) {
      if (item.status !== KbItemStatus.Published) continue;
      const years = pastYearsMentioned(item.answer, year);
      if (years.length) staleYears.push({ id: item.id, question: item.question, years });
    }
    return {
      duplicateAlternates: [...groups.values()].map((g) => ({ text: g.text, itemIds: [...g.itemIds].sort() })),
      nearDuplicates,
      expired: [...items.values()]
        .filter((i) => i.expiryDate && i.expiryDate < today && i.status === KbItemStatus.Published)
        .map((i) => ({ id: i.id, question: i.question, expiryDate: i.expiryDate! })),
      staleYears,
      checkedAt: now.toISOString(),
    };
  }
}
