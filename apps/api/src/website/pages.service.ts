import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { ImportSummary, RejectedLine, WebPageDto, WebPageTreeNode } from '@tunedesk/contracts';
import { matchHeaders, spreadsheetSafe, type FieldSpec } from '@tunedesk/domain';
import { AuditService } from '../audit/audit.service';
import { Actor, systemActor } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { problemLine, readTable } from '../common/tabular/read-table';
import { tableFile, type TableFormat } from '../common/tabular/write-table';
import type { DownloadFile } from '../common/send-file';
import { Transactions } from '../database/transactions';
import { normalizeCode } from '../org/org-import';
import { UnitEntity } from '../org/unit.entity';
import { UnitsRepository } from '../org/units.repository';
import { CreateWebPageDto, PAGE_ID_RE, UpdateWebPageDto } from './dto';
import { WebPageEntity } from './website.entities';
import { WebsiteRepository } from './website.repository';

export const DEFAULT_REJECT_SHARE = 0.05;
/** How menu levels are stored; '>' is the format's separator and never part of a level. */
export const MENU_SEPARATOR = ' > ';

type PageField = 'pageId' | 'menuPath' | 'title' | 'url' | 'owner';
const PAGE_FIELDS: readonly FieldSpec<PageField>[] = [
  { field: 'pageId', label: '網頁編號', required: true, aliases: ['編號', 'pageId', 'page id'] },
  { field: 'menuPath', label: '選單路徑', required: true, aliases: ['選單', 'menu path', 'menuPath'] },
  { field: 'title', label: '網頁名稱', required: true, aliases: ['標題', 'title'] },
  { field: 'url', label: '網址', required: true, aliases: ['URL', 'url', '連結'] },
  { field: 'owner', label: '權責單位', required: true, aliases: ['單位', '權責單位代碼', 'owner', 'ownerSection'] },
];
const LABEL: Record<PageField, string> = { pageId: '網頁編號', menuPath: '選單路徑', title: '網頁名稱', url: '網址', owner: '權責單位' };
const URL_RE = /^https?:\/\/\S+$/i;

const notFound = (pageId: string) =>
  new DomainError('WEB_PAGE_NOT_FOUND', { 'zh-TW': `找不到網頁 ${pageId}`, en: `No page ${pageId}` }, HttpStatus.NOT_FOUND);
const invalid = (field: string, zh: string, en: string) =>
  new DomainError('VALIDATION_FAILED', { 'zh-TW': zh, en }, HttpStatus.UNPROCESSABLE_ENTITY, [{ field, reason: `${zh} / ${en}` }]);

/** Menu levels as stored: trimmed, none empty, no '>' inside a level. */
export function menuLevels(levels: readonly string[]): string[] | null {
  const out = levels.map((l) => l.normalize('NFC').trim());
  if (!out.length || out.some((l) => !l || l.includes('>') || l.length > 100)) return null;
  return out.join(MENU_SEPARATOR).length > 500 ? null : out;
}

export function splitMenuPath(stored: string): string[] {
  return stored.split('>').map((l) => l.trim());
}

interface PageRow {
  row: number;
  pageId: string;
  menuPath: string;
  title: string;
  url: string;
  ownerUnitCode: string;
}

/** The website page inventory (format 5): imported, added, moved and retired by the service section. */
@Injectable()
export class PagesService {
  private readonly logger = new Logger(PagesService.name);

  constructor(
    private readonly repo: WebsiteRepository,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async list(filter: { unit?: string; q?: string; includeRetired?: boolean } = {}): Promise<WebPageDto[]> {
    const names = await this.unitNames();
    const q = filter.q?.normalize('NFKC').trim().toLowerCase();
    const unit = filter.unit ? normalizeCode(filter.unit) : null;
    return (await this.repo.allPages())
      .filter((p) => filter.includeRetired || !p.retired)
      .filter((p) => !unit || p.ownerUnitCode === unit)
      .filter((p) => !q || [p.pageId, p.title, p.menuPath, p.url].some((s) => s.normalize('NFKC').toLowerCase().includes(q)))
      .map((p) => toPageDto(p, names));
  }

  /** Pages still on the site as the menu shows them: one node per level, the page on its leaf. */
  async tree(): Promise<WebPageTreeNode[]> {
    const roots: WebPageTreeNode[] = [];
    for (const page of await this.list()) {
      let level = roots;
      page.menuPath.forEach((label, i) => {
        const last = i === page.menuPath.length - 1;
        // Two pages under the same menu item each get a leaf of their own.
        let node = level.find((n) => n.label === label && (!last || !n.page));
        if (!node) {
          node = { label, children: [] };
          level.push(node);
        }
        if (last) node.page = page;
        level = node.children;
      });
    }
    return roots;
  }

  async get(pageId: string): Promise<WebPageDto> {
    const page = await this.repo.findPage(pageId);
    if (!page) throw notFound(pageId);
    return toPageDto(page, await this.unitNames());
  }

  async create(actor: Actor, body: CreateWebPageDto): Promise<WebPageDto> {
    const levels = menuLevels(body.menuPath);
    if (!levels) throw invalid('menuPath', '選單路徑每層需有文字且不可含「>」', 'Each menu level needs text and no ">"');
    const unit = await this.unitOf(body.ownerUnitCode);
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      if (await this.repo.findPage(body.pageId, m))
        throw new DomainError(
          'WEB_PAGE_EXISTS',
          { 'zh-TW': `網頁編號 ${body.pageId} 已存在`, en: `Page ${body.pageId} already exists` },
          HttpStatus.CONFLICT,
        );
      await this.repo.insertPage(
        {
          pageId: body.pageId,
          menuPath: levels.join(MENU_SEPARATOR),
          title: body.title.trim(),
          url: body.url.trim(),
          ownerUnitCode: unit.code,
          retired: false,
          createdAt: now,
          updatedAt: now,
        },
        m,
      );
      await this.audit.record(
        {
          action: 'web-page.create',
          actor,
          unitCode: unit.code,
          targetType: 'web-page',
          targetId: body.pageId,
          detail: { menuPath: levels.join(MENU_SEPARATOR), title: body.title.trim(), url: body.url.trim() },
        },
        m,
      );
    });
    return this.get(body.pageId);
  }

  /** Edits a page; a new menu path or owner is a move. */
  async update(actor: Actor, pageId: string, body: UpdateWebPageDto): Promise<WebPageDto> {
    const page = await this.repo.findPage(pageId);
    if (!page) throw notFound(pageId);
    const fields: Partial<WebPageEntity> = {};
    if (body.menuPath) {
      const levels = menuLevels(body.menuPath);
      if (!levels) throw invalid('menuPath', '選單路徑每層需有文字且不可含「>」', 'Each menu level needs text and no ">"');
      fields.menuPath = levels.join(MENU_SEPARATOR);
    }
    if (body.title !== undefined) fields.title = body.title.trim();
    if (body.url !== undefined) fields.url = body.url.trim();
    if (body.ownerUnitCode !== undefined) fields.ownerUnitCode = (await this.unitOf(body.ownerUnitCode)).code;
    const changes = (Object.keys(fields) as (keyof WebPageEntity)[])
      .filter((k) => fields[k] !== page[k])
      .map((k) => ({ field: k, before: String(page[k]), after: String(fields[k]) }));
    if (changes.length)
      await this.tx.run(async (m) => {
        await this.repo.updatePage(pageId, { ...fields, updatedAt: this.clock.now() }, m);
        const moved = changes.some((c) => c.field === 'menuPath' || c.field === 'ownerUnitCode');
        await this.audit.record(
          {
            action: moved ? 'web-page.move' : 'web-page.update',
            actor,
            unitCode: fields.ownerUnitCode ?? page.ownerUnitCode,
            targetType: 'web-page',
            targetId: pageId,
            changes,
          },
          m,
        );
      });
    return this.get(pageId);
  }

  /** Takes a page off the site: it leaves the next months' reviews; past forms keep it. */
  async retire(actor: Actor, pageId: string): Promise<WebPageDto> {
    const page = await this.repo.findPage(pageId);
    if (!page) throw notFound(pageId);
    if (!page.retired)
      await this.tx.run(async (m) => {
        await this.repo.updatePage(pageId, { retired: true, updatedAt: this.clock.now() }, m);
        await this.audit.record(
          {
            action: 'web-page.retire',
            actor,
            unitCode: page.ownerUnitCode,
            targetType: 'web-page',
            targetId: pageId,
            changes: [{ field: 'retired', before: 'false', after: 'true' }],
          },
          m,
        );
      });
    return this.get(pageId);
  }

  /**
   * Imports a format-5 file: creates new page ids, updates changed ones, leaves
   * the rest. All or nothing: past the reject share, nothing is written.
   */
  async import(
    buffer: Buffer,
    fileName: string,
    actor: Actor = systemActor('pages-import'),
    rejectShare = DEFAULT_REJECT_SHARE,
  ): Promise<ImportSummary> {
    const table = await readTable(buffer, fileName);
    const match = matchHeaders(table.headers, PAGE_FIELDS);
    if (match.missing.length)
      throw new DomainError(
        'IMPORT_HEADER_MISSING',
        {
          'zh-TW': `檔案「${fileName}」缺少必要欄位：${match.missing.map((m) => m.label).join('、')}（第 1 列）`,
          en: `"${fileName}" is missing required column(s): ${match.missing.map((m) => `${m.label} (${m.field})`).join(', ')} (row 1)`,
        },
        422,
        match.missing.map((m) => ({ file: fileName, row: 1, column: m.label, reason: 'missing header' })),
      );
    const units = await this.units.findAll();
    const byCode = new Map(units.map((u) => [u.code, u]));
    const byName = new Map(units.map((u) => [u.name.normalize('NFKC').trim(), u]));
    const rejectedLines: RejectedLine[] = [];
    const accepted: PageRow[] = [];
    const seen = new Map<string, number>();
    for (const read of table.rows) {
      if (read.problem) {
        rejectedLines.push(problemLine(table.headers, read));
        continue;
      }
      const get = (f: PageField) => {
        const index = match.columns[f];
        return (index === undefined ? '' : (read.cells[index] ?? '')).normalize('NFC').trim();
      };
      const problems: RejectedLine[] = [];
      const reject = (f: PageField, reason: string) => problems.push({ row: read.row, column: LABEL[f], reason });
      const pageId = get('pageId').normalize('NFKC');
      if (!PAGE_ID_RE.test(pageId)) reject('pageId', pageId ? '網頁編號格式不符 (1–32 letters, digits, . _ -)' : '必填 (required)');
      const levels = menuLevels(get('menuPath').split('>'));
      if (!levels) reject('menuPath', '選單路徑每層需有文字，以「>」分隔 (levels separated by ">", none empty)');
      const title = get('title');
      if (!title || title.length > 200) reject('title', title ? '超過 200 字 (over 200 characters)' : '必填 (required)');
      const url = get('url');
      if (!URL_RE.test(url) || url.length > 1000) reject('url', url ? '不是 http(s) 網址 (not an http(s) address)' : '必填 (required)');
      const ownerText = get('owner');
      const owner: UnitEntity | undefined = byCode.get(normalizeCode(ownerText)) ?? byName.get(ownerText.normalize('NFKC'));
      if (!owner) reject('owner', ownerText ? `找不到單位「${ownerText}」 (unknown unit)` : '必填 (required)');
      const dup = seen.get(pageId);
      if (pageId && dup !== undefined) reject('pageId', `與第 ${dup} 列重複 (duplicates row ${dup})`);
      if (problems.length) {
        rejectedLines.push(...problems);
        continue;
      }
      seen.set(pageId, read.row);
      accepted.push({ row: read.row, pageId, menuPath: levels!.join(MENU_SEPARATOR), title, url, ownerUnitCode: owner!.code });
    }
    const rowsSeen = table.rows.length;
    const rejected = new Set(rejectedLines.map((r) => r.row)).size;
    if (rowsSeen > 0 && rejected / rowsSeen > rejectShare)
      throw new DomainError(
        'IMPORT_TOO_MANY_REJECTED',
        {
          'zh-TW': `檔案「${fileName}」有 ${rejected} / ${rowsSeen} 列錯誤，超過容許比例 ${Math.round(rejectShare * 100)}%，整個檔案未匯入`,
          en: `"${fileName}": ${rejected} of ${rowsSeen} rows are invalid, above the ${Math.round(rejectShare * 100)}% limit; nothing was imported`,
        },
        422,
        rejectedLines.map((r) => ({ file: fileName, ...r })),
      );
    const counts = await this.tx.run(async (m) => {
      const existing = new Map((await this.repo.allPages(m)).map((p) => [p.pageId, p]));
      const now = this.clock.now();
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const a of accepted) {
        const fields = { menuPath: a.menuPath, title: a.title, url: a.url, ownerUnitCode: a.ownerUnitCode };
        const current = existing.get(a.pageId);
        if (!current) {
          await this.repo.insertPage({ pageId: a.pageId, ...fields, retired: false, createdAt: now, updatedAt: now }, m);
          created++;
        } else if ((Object.keys(fields) as (keyof typeof fields)[]).some((k) => current[k] !== fields[k])) {
          await this.repo.updatePage(a.pageId, { ...fields, updatedAt: now }, m);
          updated++;
        } else unchanged++;
      }
      await this.audit.record(
        {
          action: 'web-page.import',
          actor,
          unitCode: null,
          targetType: 'web-page',
          detail: { fileName, created, updated, unchanged, rejected },
        },
        m,
      );
      return { created, updated, unchanged };
    });
    this.logger.log({ fileName, encoding: table.encoding, ...counts, rejected }, 'Website pages imported');
    return { fileName, encoding: table.encoding, ...counts, rejected, rejectedLines };
  }

  /** The inventory in format 5's columns (so it imports again), plus the unit code and whether retired. */
  async export(format: TableFormat): Promise<DownloadFile> {
    const pages = await this.list({ includeRetired: true });
    return tableFile(format, 'website-pages', [
      {
        name: '網頁清單',
        headers: ['網頁編號', '選單路徑', '網頁名稱', '網址', '權責單位', '單位代碼', '已下架'],
        rows: pages.map((p) =>
          [p.pageId, p.menuPath.join('>'), p.title, p.url, p.ownerUnitName, p.ownerUnitCode, p.retired ? '是' : ''].map(spreadsheetSafe),
        ),
        widths: [10, 40, 36, 50, 14, 10, 8],
        freezeHeader: true,
      },
    ]);
  }

  private async unitOf(code: string): Promise<UnitEntity> {
    const unit = await this.units.findByCode(normalizeCode(code));
    if (!unit) throw invalid('ownerUnitCode', `找不到單位 ${code}`, `No unit ${code}`);
    return unit;
  }

  private async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
  }
}

export function toPageDto(p: WebPageEntity, unitNames: Map<string, string>): WebPageDto {
  return {
    pageId: p.pageId,
    menuPath: splitMenuPath(p.menuPath),
    title: p.title,
    url: p.url,
    ownerUnitCode: p.ownerUnitCode,
    ownerUnitName: unitNames.get(p.ownerUnitCode) ?? p.ownerUnitCode,
    retired: p.retired,
    updatedAt: p.updatedAt.toISOString(),
  };
}
