import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { KbSnapshot, KbVersionSource } from '@tunedesk/contracts';
import { normalizeText } from '@tunedesk/domain';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { KbAlternateEntity, KbItemEntity, KbVersionEntity } from './kb-item.entity';

export interface KbListFilter {
  q?: string;
  category?: string;
  unit?: string;
  status?: string;
}

/** Database access of the question bank. Items change only through `write`, which always adds a version. */
@Injectable()
export class KnowledgeRepository {
  constructor(
    @InjectRepository(KbItemEntity) private readonly items: Repository<KbItemEntity>,
    @InjectRepository(KbVersionEntity) private readonly versions: Repository<KbVersionEntity>,
  ) {}

  findAll(manager?: EntityManager): Promise<KbItemEntity[]> {
    return (manager ? manager.getRepository(KbItemEntity) : this.items).find({ order: { id: 'ASC' } });
  }

  findById(id: string, manager?: EntityManager): Promise<KbItemEntity | null> {
    return (manager ? manager.getRepository(KbItemEntity) : this.items).findOneBy({ id });
  }

  count(): Promise<number> {
    return this.items.count();
  }

  async page(filter: KbListFilter, skip: number, take: number): Promise<[KbItemEntity[], number]> {
    const q = this.items.createQueryBuilder('i').leftJoinAndSelect('i.alternateRows', 'a').orderBy('i.id', 'ASC');
    if (filter.category) q.andWhere('i.category = :category', { category: filter.category });
    if (filter.unit) q.andWhere('i.owner_unit_code = :unit', { unit: filter.unit });
    if (filter.status) q.andWhere('i.status = :status', { status: filter.status });
    if (filter.q) {
      const like = `%${filter.q}%`;
      q.andWhere(new Brackets((b) => b.where('i.id LIKE :like', { like }).orWhere('i.question LIKE :like', { like })));
    }
    // Paging with a joined collection: count and page the ids first.
    const total = await q.clone().getCount();
    const ids = (
      await q.clone().select('i.id', 'id').skip(undefined).take(undefined).offset(skip).limit(take).getRawMany<{ id: string }>()
    ).map((r) => r.id);
    if (ids.length === 0) return [[], total];
    const rows = await this.items
      .createQueryBuilder('i')
      .leftJoinAndSelect('i.alternateRows', 'a')
      .where('i.id IN (:...ids)', { ids })
      .orderBy('i.id', 'ASC')
      .getMany();
    return [rows, total];
  }

  categories(): Promise<string[]> {
    return this.items
      .createQueryBuilder('i')
      .select('DISTINCT i.category', 'category')
      .orderBy('i.category', 'ASC')
      .getRawMany<{ category: string }>()
      .then((rows) => rows.map((r) => r.category));
  }

  listVersions(itemId: string): Promise<KbVersionEntity[]> {
    return this.versions.find({ where: { itemId }, order: { version: 'DESC' } });
  }

  findVersion(itemId: string, version: number): Promise<KbVersionEntity | null> {
    return this.versions.findOneBy({ itemId, version });
  }

  /** The bank's revision: the newest version row. Every change writes one, so a new number means "rebuild". */
  async revision(): Promise<number> {
    const row = await this.versions.createQueryBuilder('v').select('MAX(v.id)', 'max').getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  /** Alternates whose normalised text appears under more than one item. */
  async duplicateAlternates(): Promise<{ normalized: string; itemId: string; text: string }[]> {
    const dup = this.items.manager
      .createQueryBuilder(KbAlternateEntity, 'd')
      .select('d.normalized')
      .groupBy('d.normalized')
      .having('COUNT(DISTINCT d.item_id) > 1');
    return this.items.manager
      .createQueryBuilder(KbAlternateEntity, 'a')
      .select(['a.normalized AS normalized', 'a.item_id AS itemId', 'a.text AS text'])
      .where(`a.normalized IN (${dup.getQuery()})`)
      .orderBy('a.normalized', 'ASC')
      .addOrderBy('a.item_id', 'ASC')
      .getRawMany();
  }

  /**
   * Creates or replaces an item's content and appends version `version`.
   * The only write path: nothing changes without a version.
   */
  async write(
    manager: EntityManager,
    id: string,
    snapshot: KbSnapshot,
    meta: {
      version: number;
      source: KbVersionSource;
      reason: string;
      by: string;
      at: Date;
      vendorUpdatedOn?: string | null;
      createdBy?: string;
      createdAt?: Date;
    },
  ): Promise<void> {
    const items = manager.getRepository(KbItemEntity);
    const fields = {
      category: snapshot.category,
      question: snapshot.question,
      answer: snapshot.answer,
      keywords: snapshot.keywords.join('、'),
      ownerUnitCode: snapshot.ownerUnitCode,
      status: snapshot.status,
      effectiveDate: snapshot.effectiveDate,
      expiryDate: snapshot.expiryDate,
      version: meta.version,
      updatedBy: meta.by,
      updatedAt: meta.at,
      ...(meta.vendorUpdatedOn !== undefined ? { vendorUpdatedOn: meta.vendorUpdatedOn } : {}),
    };
    if (meta.version === 1)
      await items.insert({ id, ...fields, vendorUpdatedOn: meta.vendorUpdatedOn ?? null, createdBy: meta.by, createdAt: meta.at });
    else await items.update({ id }, fields);
    const alternates = manager.getRepository(KbAlternateEntity);
    await alternates.delete({ itemId: id });
    if (snapshot.alternates.length)
      await alternates.insert(
        snapshot.alternates.map((text, position) => ({ itemId: id, position, text, normalized: normalizeText(text).slice(0, 500) })),
      );
    await manager.getRepository(KbVersionEntity).insert({
      itemId: id,
      version: meta.version,
      source: meta.source,
      reason: meta.reason.slice(0, 500),
      snapshot: JSON.stringify(snapshot),
      changedBy: meta.by,
      changedAt: meta.at,
    });
  }
}
