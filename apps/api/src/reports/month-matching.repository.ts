import { Injectable } from '@nestjs/common';
import {
  BankMatcher,
  compactText,
  DEFAULT_MATCHER_OPTIONS,
  SynonymFolder,
  TextAnalyzer,
  type AnalyzerChannels,
  type BankItem,
  type DecidedWording,
  type LearnedAlternate,
  type MatcherOptions,
  type MissWording,
  type MonthInput,
} from '@tunedesk/domain';
import { In } from 'typeorm';
import { KbItemStatus } from '@tunedesk/contracts';
import { KnowledgeRepository } from '../knowledge/knowledge.repository';
import { createTextTools } from '../knowledge/text-tools';
import { ProposalEntity } from '../proposals/proposal.entities';
import { GLOSSARY } from '../tuning/default-tuning';
import { RoutingConfigService } from '../tuning/routing-config.service';
import { TuningSettingsService } from '../tuning/tuning-settings.service';
import { MissClusterEntity, ReportMessageEntity } from './report.entities';
import { ReportsRepository } from './reports.repository';

/** Options the evaluation turns on and off to measure each part; the import uses the defaults. */
export interface MatchingOptions {
  channels?: Partial<AnalyzerChannels>;
  matcher?: Partial<MatcherOptions>;
  /** The bilingual glossary of the tax laws' English (default on). */
  glossary?: boolean;
}

/**
 * Learned evidence fades: a month's pairing counts half after six months
 * (a bank's topics follow the tax year; a year-old wording still counts a quarter)
 * and nothing after twelve. Fixed by that argument, not fitted.
 */
const HALF_LIFE_MONTHS = 6;
const WINDOW_MONTHS = 12;

function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb - ya) * 12 + (mb - ma);
}

const decay = (age: number) => (age < 0 || age >= WINDOW_MONTHS ? 0 : 0.5 ** (age / HALF_LIFE_MONTHS));

/** A miss message's wording identity: its compact normalised text (or the text itself when that is empty). */
export const wordingKey = (m: Pick<ReportMessageEntity, 'normalized' | 'question'>) => compactText(m.normalized) || m.question.trim();

/**
 * Loads what matching a month needs — the bank, the unit file, the synonym
 * list, the evidence earlier months left — and hands it to the pure pipeline
 * in libs/domain (buildMonth). The import and the evaluation both read the
 * month through here.
 */
@Injectable()
export class MonthMatchingRepository {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly knowledge: KnowledgeRepository,
    private readonly settings: TuningSettingsService,
    private readonly routing: RoutingConfigService,
  ) {}

  async bank(): Promise<BankItem[]> {
    return (await this.knowledge.findAll()).map((i) => ({
      id: i.id,
      question: i.question,
      alternates: (i.alternateRows ?? []).map((a) => a.text),
      keywords: i.keywords ? i.keywords.split('、').filter(Boolean) : [],
      answer: i.answer,
      category: i.category,
      owner: i.ownerUnitCode,
      published: i.status === KbItemStatus.Published,
    }));
  }

  /** The imports that are each month's report (the newest completed log), within the window before `month`. */
  private async reportImports(month: string, pending?: { id: number; month: string }): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    const logs = await this.repo.imports.find({ where: { kind: 'log' as never, status: 'completed' }, order: { id: 'DESC' } });
    const seen = new Set<string>();
    if (pending) {
      out.set(pending.id, pending.month);
      seen.add(pending.month);
    }
    for (const l of logs) {
      if (seen.has(l.month)) continue;
      seen.add(l.month);
      if (decay(monthsBetween(l.month, month)) > 0) out.set(l.id, l.month);
    }
    return out;
  }

  /**
   * The report itself is supervision: a wording the bot answered directly and
   * the citizen did not rate 不滿意 pairs with the item answered. Wordings of
   * misses whose proposal was approved pair with the proposal's item.
   */
  async learnedAlternates(month: string, pending?: { id: number; month: string }): Promise<LearnedAlternate[]> {
    const imports = await this.reportImports(month, pending);
    const best = new Map<string, LearnedAlternate>();
    const add = (l: LearnedAlternate) => {
      const k = `${l.itemId}\u0000${l.text}`;
      if ((best.get(k)?.weight ?? 0) < l.weight) best.set(k, l);
    };
    if (imports.size) {
      const rows: { text: string; item: string; importId: number; n: string | number }[] = await this.repo.messages
        .createQueryBuilder('m')
        .select('m.normalized', 'text')
        .addSelect('m.kb_item_id', 'item')
        .addSelect('m.import_id', 'importId')
        .addSelect('SUM(m.occurrences)', 'n')
        .where('m.import_id IN (:...ids)', { ids: [...imports.keys()] })
        .andWhere("m.response_type = 'answered'")
        .andWhere('m.kb_item_id IS NOT NULL')
        .andWhere("(m.feedback IS NULL OR m.feedback <> '不滿意')")
        .groupBy('m.normalized')
        .addGroupBy('m.kb_item_id')
        .addGroupBy('m.import_id')
        .getRawMany();
      for (const r of rows) {
        // Once is a little less sure than a wording citizens typed again and again.
        const w = decay(monthsBetween(imports.get(Number(r.importId))!, month)) * (Number(r.n) >= 2 ? 1 : 0.8);
        if (w > 0 && r.text) add({ itemId: r.item, text: r.text, weight: w, source: 'answered' });
      }
    }
    for (const d of await this.proposalEvidence(month))
      if (d.itemId) add({ itemId: d.itemId, text: d.text, weight: d.weight, source: 'proposal' });
    return [...best.values()];
  }

  /** Wordings of clusters whose proposal a unit head approved, with the item and unit it went to. */
  private async proposalEvidence(month: string): Promise<{ text: string; itemId: string | null; unitCode: string; weight: number }[]> {
    const m = this.repo.messages.manager;
    const proposals = await m.getRepository(ProposalEntity).find({ where: { sourceKind: 'cluster', status: 'approved' } });
    if (!proposals.length) return [];
    const clusters = new Map(
      (await this.repo.clusters.find({ where: { id: In([...new Set(proposals.map((p) => p.sourceId!))]) } })).map((c) => [c.id, c]),
    );
    const cycles = new Map((await this.repo.cycles.find()).map((c) => [c.id, c.month]));
    const out: { text: string; itemId: string | null; unitCode: string; weight: number }[] = [];
    for (const p of proposals) {
      const c = clusters.get(p.sourceId!);
      const cm = c ? cycles.get(c.cycleId) : null;
      if (!c || !cm) continue;
      const weight = decay(monthsBetween(cm, month));
      if (weight <= 0) continue;
      for (const w of JSON.parse(c.wordings) as { text: string }[])
        out.push({ text: w.text, itemId: p.newItemId ?? p.kbItemId, unitCode: p.unitCode, weight });
    }
    return out;
  }

  /** What contacts and unit heads decided about wordings: reassignments and approved proposals. */
  async decided(month: string): Promise<DecidedWording[]> {
    const cycles = new Map((await this.repo.cycles.find()).map((c) => [c.id, c.month]));
    const out: DecidedWording[] = [];
    const reassigned: MissClusterEntity[] = (await this.repo.clusters.find()).filter((c) => c.reassignedFrom && c.routedUnitCode);
    for (const c of reassigned) {
      const cm = cycles.get(c.cycleId);
      const weight = cm ? decay(monthsBetween(cm, month)) : 0;
      if (weight > 0)
        for (const w of JSON.parse(c.wordings) as { text: string }[]) out.push({ text: w.text, unitCode: c.routedUnitCode!, weight });
    }
    for (const d of await this.proposalEvidence(month)) out.push({ text: d.text, unitCode: d.unitCode, weight: d.weight });
    return out;
  }

  /** The analyser and the bank matcher for a month, with that month's learned alternates. */
  async matcher(month: string, options: MatchingOptions = {}, pending?: { id: number; month: string }): Promise<BankMatcher> {
    const bank = await this.bank();
    const synonyms = await this.settings.synonymEntries();
    const entries = options.glossary === false ? synonyms : [...synonyms, ...GLOSSARY];
    const folder = new SynonymFolder(entries);
    // The segmenter's user dictionary: the bank's categories and keywords and the synonym terms stay whole.
    const userWords = [...bank.flatMap((b) => [b.category, ...b.keywords]), ...entries.map((e) => e.term)];
    const analyzer = new TextAnalyzer(folder, createTextTools(userWords), options.channels ?? {});
    const learned = await this.learnedAlternates(month, pending);
    return new BankMatcher(bank, analyzer, learned, { ...DEFAULT_MATCHER_OPTIONS, ...options.matcher });
  }

  /** The month's misses as distinct wordings, with the routing configuration and earlier decisions. */
  async monthInput(
    month: string,
    misses: ReportMessageEntity[],
  ): Promise<{ input: MonthInput; byKey: Map<string, ReportMessageEntity[]> }> {
    const byKey = new Map<string, ReportMessageEntity[]>();
    for (const m of misses) {
      const key = wordingKey(m);
      const list = byKey.get(key);
      if (list) list.push(m);
      else byKey.set(key, [m]);
    }
    const wordings: MissWording[] = [];
    for (const key of [...byKey.keys()].sort()) {
      const members = byKey.get(key)!;
      const texts = new Map<string, number>();
      const bot = new Map<string, MissWording['bot'][number]>();
      let count = 0;
      for (const m of members) {
        count += m.occurrences;
        texts.set(m.question.trim(), (texts.get(m.question.trim()) ?? 0) + m.occurrences);
        if (!m.kbItemId) continue;
        const answered = m.responseType !== 'unanswered';
        const k = `${m.kbItemId}/${answered}`;
        const b = bot.get(k) ?? { itemId: m.kbItemId, count: 0, confidence: m.confidence, answered };
        b.count += m.occurrences;
        bot.set(k, b);
      }
      const text = [...texts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      wordings.push({ key, text, count, bot: [...bot.values()] });
    }
    return { input: { wordings, routing: await this.routing.config(), decided: await this.decided(month) }, byKey };
  }
}
