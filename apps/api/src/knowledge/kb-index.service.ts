import { Injectable } from '@nestjs/common';
import { NgramIndex } from '@tunedesk/domain';
import { Mutex } from 'async-mutex';
import { KbItemEntity } from './kb-item.entity';
import { TuningSettingsService } from '../tuning/tuning-settings.service';
import { KnowledgeRepository } from './knowledge.repository';

export type KbTextKind = 'question' | 'alternate' | 'keyword';

const REVISION_CHECK_MS = 1000;

/** How much a match on each kind of text counts. */
const WEIGHTS: Record<KbTextKind, number> = { question: 1, alternate: 1, keyword: 1 };

/** Texts of an item as the index sees them. */
export function indexEntriesOf(item: Pick<KbItemEntity, 'id' | 'question' | 'keywords' | 'alternateRows'>) {
  return [
    { key: item.id, kind: 'question' as const, text: item.question },
    ...(item.alternateRows ?? []).map((a) => ({ key: item.id, kind: 'alternate' as const, text: a.text })),
    ...(item.keywords ? item.keywords.split('、').filter(Boolean) : []).map((k) => ({ key: item.id, kind: 'keyword' as const, text: k })),
  ];
}

/**
 * The bank's search index, in memory, the same on SQLite and MySQL. Before a
 * search it asks the database for the bank's and the synonym list's revisions
 * and rebuilds when another request or process has changed either.
 */
@Injectable()
export class KbIndexService {
  private index: NgramIndex<string> | null = null;
  private items = new Map<string, KbItemEntity>();
  private builtAt = '';
  private readonly building = new Mutex();
  private checkedAt = 0;

  constructor(
    private readonly repo: KnowledgeRepository,
    private readonly settings: TuningSettingsService,
  ) {}

  /** Drops the index after a change made in this process, so the next search sees it at once. */
  invalidate(): void {
    this.checkedAt = 0;
  }

  async current(): Promise<{ index: NgramIndex<string>; items: Map<string, KbItemEntity> }> {
    // Asking the database for the revision on every keystroke or every cluster is wasted work: at most once a second.
    if (this.index && Date.now() - this.checkedAt < REVISION_CHECK_MS) return { index: this.index, items: this.items };
    // The synonym list is part of the index: items and questions are folded through it.
    const synonyms = await this.settings.folder();
    const revision = `${await this.repo.revision()}/${synonyms.revision}`;
    this.checkedAt = Date.now();
    if (!this.index || revision !== this.builtAt) {
      await this.building.runExclusive(async () => {
        if (this.index && revision === this.builtAt) return;
        const all = await this.repo.findAll();
        this.items = new Map(all.map((i) => [i.id, i]));
        // Keywords are not questions: they help an item as a whole, never as its best-matching text.
        const folder = synonyms.folder;
        this.index = new NgramIndex(all.flatMap(indexEntriesOf), {
          weights: WEIGHTS,
          aggregateOnly: ['keyword'],
          fold: folder.size ? (text) => folder.fold(text) : undefined,
        });
        this.builtAt = revision;
      });
    }
    return { index: this.index!, items: this.items };
  }
}
