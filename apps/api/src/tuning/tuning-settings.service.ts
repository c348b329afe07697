import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  ImportProfileDto,
  ImportProfileInput,
  ProfileAliases,
  ReportFieldDto,
  ReportKind,
  RoutingRuleDto,
  RoutingRuleInput,
  SynonymDto,
  SynonymInput,
} from '@tunedesk/contracts';
import { normalizeHeader, normalizeText, SynonymFolder, type FieldSpec, type SynonymEntry } from '@tunedesk/domain';
import { Mutex } from 'async-mutex';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { UnitsRepository } from '../org/units.repository';
import { LOG_FIELDS, SUMMARY_FIELDS } from '../reports/report-rows';
import { DEFAULT_KEYWORD_RULES, DEFAULT_SYNONYMS, GLOSSARY } from './default-tuning';
import { AppSettingEntity, ImportProfileEntity, RoutingRuleEntity, SynonymEntity } from './tuning.entities';

const SPECS: Record<ReportKind, readonly FieldSpec[]> = { log: LOG_FIELDS, summary: SUMMARY_FIELDS };
const MAX_ALIASES_PER_FIELD = 20;
const MAX_VARIANTS = 50;
const TEXT_MAX = 64;
const SYNONYM_CHECK_MS = 1000;

const DEFAULTS_SYNONYMS = 'defaults.synonyms';
const DEFAULTS_RULES = 'defaults.routing-rules';

export interface RoutingRule {
  keyword: string;
  unitCode: string;
  overridesTaxNames: boolean;
}

/** The readers of a report file: the fields each format accepts, with the profile that supplied extra names. */
export interface ReportReaders {
  profile: ImportProfileEntity | null;
  specs: Record<ReportKind, FieldSpec[]>;
}

const invalid = (field: string, reason: string, zh: string, en: string) =>
  new DomainError('TUNING_INVALID', { 'zh-TW': zh, en }, HttpStatus.UNPROCESSABLE_ENTITY, [{ field, reason }]);
const duplicate = (field: string, zh: string, en: string) =>
  new DomainError('TUNING_DUPLICATE', { 'zh-TW': zh, en }, HttpStatus.CONFLICT, [{ field, reason: 'duplicate' }]);
const notFound = (what: string, id: number) =>
  new DomainError(
    'TUNING_NOT_FOUND',
    { 'zh-TW': `找不到${what === 'profile' ? '匯入設定檔' : what === 'synonym' ? '同義詞' : '分派規則'} #${id}`, en: `No ${what} #${id}` },
    HttpStatus.NOT_FOUND,
  );

function cleanText(value: unknown, field: string, label: string, max = TEXT_MAX): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text || [...text].length > max)
    throw invalid(field, `1–${max} characters`, `${label}須為 1–${max} 個字`, `${field} must be 1–${max} characters`);
  return text;
}

function cleanNote(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || [...value].length > 500)
    throw invalid('note', 'at most 500 characters', '備註最多 500 個字', 'note must be at most 500 characters');
  return value.trim() || null;
}

/**
 * Import profiles, the synonym list and keyword routing rules: what the
 * service section (and the administrator) tune about matching and routing.
 * Shipped defaults are applied once; after that, a deleted default stays deleted.
 */
@Injectable()
export class TuningSettingsService {
  private folderCache: { revision: string; folder: SynonymFolder; checkedAt: number } | null = null;
  private readonly folderLock = new Mutex();
  private defaultsApplied = false;

  constructor(
    @InjectRepository(ImportProfileEntity) private readonly profiles: Repository<ImportProfileEntity>,
    @InjectRepository(SynonymEntity) private readonly synonyms: Repository<SynonymEntity>,
    @InjectRepository(RoutingRuleEntity) private readonly rules: Repository<RoutingRuleEntity>,
    @InjectRepository(AppSettingEntity) private readonly settings: Repository<AppSettingEntity>,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** Applies the shipped synonyms and (once a unit owns their category) keyword rules, each once. */
  async ensureDefaults(): Promise<void> {
    if (this.defaultsApplied) return;
    const now = this.clock.now();
    let complete = false;
    const apply = this.tx.run(async (m) => {
      const settings = m.getRepository(AppSettingEntity);
      if (!(await settings.findOneBy({ name: DEFAULTS_SYNONYMS }))) {
        const taken = new Set((await m.getRepository(SynonymEntity).find()).map((s) => s.term));
        const rows = DEFAULT_SYNONYMS.filter((s) => !taken.has(s.term)).map((s) => ({
          term: s.term,
          variants: JSON.stringify(s.variants),
          note: '系統預設',
          updatedBy: 'system',
          updatedAt: now,
        }));
        if (rows.length) await m.getRepository(SynonymEntity).insert(rows);
        await settings.insert({ name: DEFAULTS_SYNONYMS, value: now.toISOString() });
      }
      if (!(await settings.findOneBy({ name: DEFAULTS_RULES }))) {
        const units = await this.units.findAll();
        const owner = (category: string) => units.find((u) => u.active && (u.categories ?? '').split('、').includes(category))?.code;
        // Until a unit owns 綜合服務 (an empty organisation), the defaults wait.
        if (!owner('綜合服務')) return;
        const taken = new Set((await m.getRepository(RoutingRuleEntity).find()).map((r) => r.keyword));
        const rows = DEFAULT_KEYWORD_RULES.filter((r) => owner(r.category) && !taken.has(r.keyword)).map((r) => ({
          keyword: r.keyword,
          unitCode: owner(r.category)!,
          overridesTaxNames: r.overridesTaxNames,
          note: '系統預設',
          updatedBy: 'system',
          updatedAt: now,
        }));
        if (rows.length) await m.getRepository(RoutingRuleEntity).insert(rows);
        await settings.insert({ name: DEFAULTS_RULES, value: now.toISOString() });
      }
      complete = true;
    });
    // Two processes starting on one empty database race to apply them: the loser's insert fails, the winner's stands.
    await apply.catch(() => (complete = false));
    this.defaultsApplied = complete;
    this.folderCache = null;
  }

  // ---- report fields and import profiles ----

  reportFields(): ReportFieldDto[] {
    return (['log', 'summary'] as const).flatMap((format) =>
      SPECS[format].map((s) => ({ format, field: s.field, label: s.label, required: s.required, builtInAliases: [...(s.aliases ?? [])] })),
    );
  }

  async listProfiles(): Promise<ImportProfileDto[]> {
    return (await this.profiles.find({ order: { name: 'ASC' } })).map(toProfileDto);
  }

  async findProfile(id: number): Promise<ImportProfileEntity> {
    const p = await this.profiles.findOneBy({ id });
    if (!p) throw notFound('profile', id);
    return p;
  }

  /** The fields of both formats, with a profile's extra names added. */
  specsFor(profile: ImportProfileEntity | null): Record<ReportKind, FieldSpec[]> {
    const aliases: ProfileAliases = profile ? (JSON.parse(profile.aliases) as ProfileAliases) : {};
    const build = (format: ReportKind) =>
      SPECS[format].map((s) => ({ ...s, aliases: [...(s.aliases ?? []), ...(aliases[format]?.[s.field] ?? [])] }));
    return { log: build('log'), summary: build('summary') };
  }

  /**
   * Which names read a file with these headers: the built-in ones when they
   * find every required column of a format; else the first profile (by id)
   * that does; else the built-in ones (and the file is refused with what is missing).
   */
  async readersFor(headers: readonly string[], profileId?: number | null): Promise<ReportReaders> {
    if (profileId) {
      const profile = await this.findProfile(profileId);
      return { profile, specs: this.specsFor(profile) };
    }
    const fits = (specs: Record<ReportKind, FieldSpec[]>) =>
      (['log', 'summary'] as const).some((f) => specs[f].every((s) => !s.required || hasColumn(headers, s)));
    const builtIn = this.specsFor(null);
    if (fits(builtIn)) return { profile: null, specs: builtIn };
    for (const profile of await this.profiles.find({ order: { id: 'ASC' } })) {
      const specs = this.specsFor(profile);
      if (fits(specs)) return { profile, specs };
    }
    return { profile: null, specs: builtIn };
  }

  private cleanAliases(input: unknown): ProfileAliases {
    if (!input || typeof input !== 'object' || Array.isArray(input))
      throw invalid(
        'aliases',
        'object',
        '別名須為 { log: {欄位: [...]}, summary: {...} }',
        'aliases must be { log: {field: [...]}, summary: {...} }',
      );
    const out: ProfileAliases = {};
    for (const [format, fields] of Object.entries(input as Record<string, unknown>)) {
      if (format !== 'log' && format !== 'summary')
        throw invalid(
          `aliases.${format}`,
          'unknown format',
          `不明的格式「${format}」（應為 log 或 summary）`,
          `Unknown format "${format}" (log or summary)`,
        );
      if (!fields || typeof fields !== 'object' || Array.isArray(fields))
        throw invalid(`aliases.${format}`, 'object', `aliases.${format} 須為欄位對照`, `aliases.${format} must map fields to names`);
      const spec = SPECS[format];
      // Every name a column of this format is already known by, and which field it belongs to.
      const owner = new Map<string, string>();
      for (const s of spec) for (const n of [s.label, s.field, ...(s.aliases ?? [])]) owner.set(normalizeHeader(n), s.field);
      const result: Record<string, string[]> = {};
      for (const [field, names] of Object.entries(fields as Record<string, unknown>)) {
        const s = spec.find((x) => x.field === field);
        if (!s) throw invalid(`aliases.${format}.${field}`, 'unknown field', `不明的欄位「${field}」`, `Unknown field "${field}"`);
        if (!Array.isArray(names) || names.length > MAX_ALIASES_PER_FIELD)
          throw invalid(
            `aliases.${format}.${field}`,
            `list of at most ${MAX_ALIASES_PER_FIELD}`,
            `「${s.label}」的別名須為清單，最多 ${MAX_ALIASES_PER_FIELD} 個`,
            `Aliases of ${field} must be a list of at most ${MAX_ALIASES_PER_FIELD}`,
          );
        const clean: string[] = [];
        names.forEach((n, i) => {
          const name = cleanText(n, `aliases.${format}.${field}[${i}]`, `「${s.label}」的別名`);
          const key = normalizeHeader(name);
          const taken = owner.get(key);
          if (taken === field) return; // already a name of this column
          if (taken)
            throw duplicate(
              `aliases.${format}.${field}[${i}]`,
              `別名「${name}」已是欄位「${spec.find((x) => x.field === taken)!.label}」的名稱`,
              `Alias "${name}" already names the column ${taken}`,
            );
          owner.set(key, field);
          clean.push(name);
        });
        if (clean.length) result[field] = clean;
      }
      out[format] = result;
    }
    return out;
  }

  async createProfile(actor: Actor, input: ImportProfileInput): Promise<ImportProfileDto> {
    const name = cleanText(input.name, 'name', '名稱', 100);
    const aliases = this.cleanAliases(input.aliases);
    const note = cleanNote(input.note);
    return this.tx.run(async (m) => {
      const repo = m.getRepository(ImportProfileEntity);
      if (await repo.findOneBy({ name })) throw duplicate('name', `已有名為「${name}」的匯入設定檔`, `A profile named "${name}" exists`);
      const row = repo.create({ name, note, aliases: JSON.stringify(aliases), updatedBy: actor.account, updatedAt: this.clock.now() });
      await repo.save(row);
      await this.audit.record(
        {
          action: 'tuning.profile.create',
          actor,
          unitCode: null,
          targetType: 'import-profile',
          targetId: row.id,
          detail: { name, aliases },
        },
        m,
      );
      return toProfileDto(row);
    });
  }

  async updateProfile(actor: Actor, id: number, input: ImportProfileInput): Promise<ImportProfileDto> {
    const name = cleanText(input.name, 'name', '名稱', 100);
    const aliases = this.cleanAliases(input.aliases);
    const note = cleanNote(input.note);
    return this.tx.run(async (m) => {
      const repo = m.getRepository(ImportProfileEntity);
      const row = await repo.findOneBy({ id });
      if (!row) throw notFound('profile', id);
      const other = await repo.findOneBy({ name });
      if (other && other.id !== id) throw duplicate('name', `已有名為「${name}」的匯入設定檔`, `A profile named "${name}" exists`);
      const before = toProfileDto(row);
      Object.assign(row, { name, note, aliases: JSON.stringify(aliases), updatedBy: actor.account, updatedAt: this.clock.now() });
      await repo.save(row);
      await this.audit.record(
        {
          action: 'tuning.profile.update',
          actor,
          unitCode: null,
          targetType: 'import-profile',
          targetId: id,
          detail: { before: { name: before.name, aliases: before.aliases }, after: { name, aliases } },
        },
        m,
      );
      return toProfileDto(row);
    });
  }

  async deleteProfile(actor: Actor, id: number): Promise<void> {
    await this.tx.run(async (m) => {
      const row = await m.getRepository(ImportProfileEntity).findOneBy({ id });
      if (!row) throw notFound('profile', id);
      await m.getRepository(ImportProfileEntity).delete({ id });
      await this.audit.record(
        { action: 'tuning.profile.delete', actor, unitCode: null, targetType: 'import-profile', targetId: id, detail: { name: row.name } },
        m,
      );
    });
  }

  // ---- synonyms ----

  async listSynonyms(): Promise<SynonymDto[]> {
    await this.ensureDefaults();
    return (await this.synonyms.find({ order: { term: 'ASC' } })).map(toSynonymDto);
  }

  private async cleanSynonym(
    input: SynonymInput,
    selfId: number | null,
  ): Promise<{ term: string; variants: string[]; note: string | null }> {
    const term = cleanText(input.term, 'term', '詞');
    if (!Array.isArray(input.variants) || input.variants.length === 0 || input.variants.length > MAX_VARIANTS)
      throw invalid('variants', `1–${MAX_VARIANTS} variants`, `同義詞須有 1–${MAX_VARIANTS} 個`, `Give 1–${MAX_VARIANTS} variants`);
    const variants: string[] = [];
    const own = new Set([normalizeText(term)]);
    input.variants.forEach((v, i) => {
      const text = cleanText(v, `variants[${i}]`, '同義詞');
      const key = normalizeText(text);
      if (!key) throw invalid(`variants[${i}]`, 'no letters', `「${text}」沒有可比對的文字`, `"${text}" has nothing to match`);
      if (own.has(key)) return;
      own.add(key);
      variants.push(text);
    });
    // A variant may belong to one term only, and no term may be another's variant.
    for (const other of await this.synonyms.find()) {
      if (other.id === selfId) continue;
      const theirs = new Set([other.term, ...(JSON.parse(other.variants) as string[])].map((x) => normalizeText(x)));
      const clash = [...own].find((k) => theirs.has(k));
      if (clash)
        throw duplicate(
          clash === normalizeText(term) ? 'term' : 'variants',
          `「${clash}」已屬於詞「${other.term}」`,
          `"${clash}" already belongs to the term "${other.term}"`,
        );
    }
    return { term, variants, note: cleanNote(input.note) };
  }

  async createSynonym(actor: Actor, input: SynonymInput): Promise<SynonymDto> {
    const clean = await this.cleanSynonym(input, null);
    const row = await this.tx.run(async (m) => {
      const repo = m.getRepository(SynonymEntity);
      const saved = await repo.save(
        repo.create({ ...clean, variants: JSON.stringify(clean.variants), updatedBy: actor.account, updatedAt: this.clock.now() }),
      );
      await this.audit.record(
        { action: 'tuning.synonym.create', actor, unitCode: null, targetType: 'synonym', targetId: saved.id, detail: clean },
        m,
      );
      return saved;
    });
    this.folderCache = null;
    return toSynonymDto(row);
  }

  async updateSynonym(actor: Actor, id: number, input: SynonymInput): Promise<SynonymDto> {
    const clean = await this.cleanSynonym(input, id);
    const row = await this.tx.run(async (m) => {
      const repo = m.getRepository(SynonymEntity);
      const current = await repo.findOneBy({ id });
      if (!current) throw notFound('synonym', id);
      const before = toSynonymDto(current);
      Object.assign(current, { ...clean, variants: JSON.stringify(clean.variants), updatedBy: actor.account, updatedAt: this.clock.now() });
      await repo.save(current);
      await this.audit.record(
        {
          action: 'tuning.synonym.update',
          actor,
          unitCode: null,
          targetType: 'synonym',
          targetId: id,
          detail: { before: { term: before.term, variants: before.variants }, after: clean },
        },
        m,
      );
      return current;
    });
    this.folderCache = null;
    return toSynonymDto(row);
  }

  async deleteSynonym(actor: Actor, id: number): Promise<void> {
    await this.tx.run(async (m) => {
      const row = await m.getRepository(SynonymEntity).findOneBy({ id });
      if (!row) throw notFound('synonym', id);
      await m.getRepository(SynonymEntity).delete({ id });
      await this.audit.record(
        { action: 'tuning.synonym.delete', actor, unitCode: null, targetType: 'synonym', targetId: id, detail: { term: row.term } },
        m,
      );
    });
    this.folderCache = null;
  }

  /**
   * The synonym list as a folder, with a revision that changes whenever the
   * list does (also when another process changed it): the search index
   * rebuilds on a new revision. Asks the database at most once a second.
   */
  async folder(): Promise<{ revision: string; folder: SynonymFolder }> {
    const cached = this.folderCache;
    if (cached && Date.now() - cached.checkedAt < SYNONYM_CHECK_MS) return cached;
    return this.folderLock.runExclusive(async () => {
      await this.ensureDefaults();
      // A few hundred short rows: reading them all is cheaper than keeping a revision column right.
      const rows = await this.synonyms.find({ order: { id: 'ASC' } });
      const revision = createHash('sha1')
        .update(JSON.stringify(rows.map((r) => [r.term, r.variants])))
        .digest('hex')
        .slice(0, 16);
      if (this.folderCache && this.folderCache.revision === revision) {
        this.folderCache.checkedAt = Date.now();
        return this.folderCache;
      }
      // The shipped glossary (the tax laws' English) is always beside the bureau's own list.
      const folder = new SynonymFolder([...rows.map((r) => ({ term: r.term, variants: JSON.parse(r.variants) as string[] })), ...GLOSSARY]);
      this.folderCache = { revision, folder, checkedAt: Date.now() };
      return this.folderCache;
    });
  }

  /** The synonym list's entries as stored (the matcher adds the shipped glossary beside them). */
  async synonymEntries(): Promise<SynonymEntry[]> {
    await this.ensureDefaults();
    return (await this.synonyms.find({ order: { id: 'ASC' } })).map((r) => ({
      term: r.term,
      variants: JSON.parse(r.variants) as string[],
    }));
  }

  // ---- keyword routing rules ----

  async listRules(): Promise<RoutingRuleDto[]> {
    await this.ensureDefaults();
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    return (await this.rules.find({ order: { keyword: 'ASC' } })).map((r) => toRuleDto(r, names));
  }

  async routingRules(): Promise<RoutingRule[]> {
    await this.ensureDefaults();
    return (await this.rules.find({ order: { id: 'ASC' } })).map((r) => ({
      keyword: r.keyword,
      unitCode: r.unitCode,
      overridesTaxNames: r.overridesTaxNames,
    }));
  }

  private async cleanRule(input: RoutingRuleInput) {
    const keyword = cleanText(input.keyword, 'keyword', '關鍵字');
    if (!normalizeText(keyword))
      throw invalid('keyword', 'no letters', `「${keyword}」沒有可比對的文字`, `"${keyword}" has nothing to match`);
    const unitCode = typeof input.unitCode === 'string' ? input.unitCode.trim().toUpperCase() : '';
    const unit = unitCode ? await this.units.findByCode(unitCode) : null;
    if (!unit) throw invalid('unitCode', 'unknown unit', `找不到單位「${unitCode}」`, `No unit "${unitCode}"`);
    if (input.overridesTaxNames !== undefined && typeof input.overridesTaxNames !== 'boolean')
      throw invalid('overridesTaxNames', 'boolean', 'overridesTaxNames 須為 true 或 false', 'overridesTaxNames must be true or false');
    return { keyword, unitCode: unit.code, overridesTaxNames: input.overridesTaxNames ?? false, note: cleanNote(input.note) };
  }

  private async saveRule(actor: Actor, id: number | null, input: RoutingRuleInput): Promise<RoutingRuleDto> {
    const clean = await this.cleanRule(input);
    const row = await this.tx.run(async (m) => {
      const repo = m.getRepository(RoutingRuleEntity);
      const current = id === null ? null : await repo.findOneBy({ id });
      if (id !== null && !current) throw notFound('rule', id);
      const same = (await repo.find()).find((r) => r.id !== id && normalizeText(r.keyword) === normalizeText(clean.keyword));
      if (same) throw duplicate('keyword', `已有關鍵字「${same.keyword}」的規則`, `A rule for "${same.keyword}" exists`);
      const saved = await repo.save({ ...(current ?? {}), ...clean, updatedBy: actor.account, updatedAt: this.clock.now() });
      await this.audit.record(
        {
          action: id === null ? 'tuning.rule.create' : 'tuning.rule.update',
          actor,
          unitCode: null,
          targetType: 'routing-rule',
          targetId: saved.id,
          detail: current
            ? {
                before: { keyword: current.keyword, unitCode: current.unitCode, overridesTaxNames: current.overridesTaxNames },
                after: clean,
              }
            : clean,
        },
        m,
      );
      return saved;
    });
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    return toRuleDto(row, names);
  }

  createRule(actor: Actor, input: RoutingRuleInput): Promise<RoutingRuleDto> {
    return this.saveRule(actor, null, input);
  }

  updateRule(actor: Actor, id: number, input: RoutingRuleInput): Promise<RoutingRuleDto> {
    return this.saveRule(actor, id, input);
  }

  async deleteRule(actor: Actor, id: number): Promise<void> {
    await this.tx.run(async (m) => {
      const row = await m.getRepository(RoutingRuleEntity).findOneBy({ id });
      if (!row) throw notFound('rule', id);
      await m.getRepository(RoutingRuleEntity).delete({ id });
      await this.audit.record(
        { action: 'tuning.rule.delete', actor, unitCode: null, targetType: 'routing-rule', targetId: id, detail: { keyword: row.keyword } },
        m,
      );
    });
  }
}

function hasColumn(headers: readonly string[], spec: FieldSpec): boolean {
  const names = new Set([spec.label, spec.field, ...(spec.aliases ?? [])].map(normalizeHeader));
  return headers.some((h) => names.has(normalizeHeader(h)));
}

function toProfileDto(p: ImportProfileEntity): ImportProfileDto {
  return {
    id: p.id,
    name: p.name,
    note: p.note,
    aliases: JSON.parse(p.aliases) as ProfileAliases,
    updatedBy: p.updatedBy,
    updatedAt: p.updatedAt.toISOString(),
  };
}

function toSynonymDto(s: SynonymEntity): SynonymDto {
  return {
    id: s.id,
    term: s.term,
    variants: JSON.parse(s.variants) as string[],
    note: s.note,
    updatedBy: s.updatedBy,
    updatedAt: s.updatedAt.toISOString(),
  };
}

function toRuleDto(r: RoutingRuleEntity, names: Map<string, string>): RoutingRuleDto {
  return {
    id: r.id,
    keyword: r.keyword,
    unitCode: r.unitCode,
    unitName: names.get(r.unitCode) ?? null,
    overridesTaxNames: r.overridesTaxNames,
    note: r.note,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}
