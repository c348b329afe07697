import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CorrectionStatus, ReviewFormStatus } from '@tunedesk/contracts';
import { Between, EntityManager, In, LessThan, Repository } from 'typeorm';
import { CorrectionEntity, ReviewEventEntity, ReviewFormEntity, ReviewRowEntity, WebPageEntity } from './website.entities';

/** Every read and write of the website feature's tables. */
@Injectable()
export class WebsiteRepository {
  constructor(
    @InjectRepository(WebPageEntity) private readonly pages: Repository<WebPageEntity>,
    @InjectRepository(ReviewFormEntity) private readonly forms: Repository<ReviewFormEntity>,
    @InjectRepository(ReviewRowEntity) private readonly rows: Repository<ReviewRowEntity>,
    @InjectRepository(CorrectionEntity) private readonly corrections: Repository<CorrectionEntity>,
    @InjectRepository(ReviewEventEntity) private readonly events: Repository<ReviewEventEntity>,
  ) {}

  private repo<T extends object>(fallback: Repository<T>, entity: new () => T, manager?: EntityManager): Repository<T> {
    return manager ? manager.getRepository(entity) : fallback;
  }

  // Pages

  findPage(pageId: string, manager?: EntityManager): Promise<WebPageEntity | null> {
    return this.repo(this.pages, WebPageEntity, manager).findOneBy({ pageId });
  }

  allPages(manager?: EntityManager): Promise<WebPageEntity[]> {
    return this.repo(this.pages, WebPageEntity, manager).find({ order: { menuPath: 'ASC', pageId: 'ASC' } });
  }

  activePagesOf(unitCode: string, manager?: EntityManager): Promise<WebPageEntity[]> {
    return this.repo(this.pages, WebPageEntity, manager).find({
      where: { ownerUnitCode: unitCode, retired: false },
      order: { menuPath: 'ASC', pageId: 'ASC' },
    });
  }

  /** Units that own at least one page still on the site. */
  async unitsWithActivePages(manager?: EntityManager): Promise<string[]> {
    const rows: { code: string }[] = await this.repo(this.pages, WebPageEntity, manager)
      .createQueryBuilder('p')
      .select('DISTINCT p.owner_unit_code', 'code')
      .where('p.retired = :retired', { retired: false })
      .getRawMany();
    return rows.map((r) => r.code).sort();
  }

  async insertPage(page: WebPageEntity, manager: EntityManager): Promise<void> {
    await manager.getRepository(WebPageEntity).insert(page);
  }

  async updatePage(pageId: string, fields: Partial<WebPageEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(WebPageEntity).update({ pageId }, fields);
  }

  // Forms

  findForm(id: number, manager?: EntityManager): Promise<ReviewFormEntity | null> {
    return this.repo(this.forms, ReviewFormEntity, manager).findOneBy({ id });
  }

  findFormOf(unitCode: string, month: string, manager?: EntityManager): Promise<ReviewFormEntity | null> {
    return this.repo(this.forms, ReviewFormEntity, manager).findOneBy({ unitCode, month });
  }

  listForms(filter: { month?: string; unitCode?: string; from?: string; to?: string }): Promise<ReviewFormEntity[]> {
    const where: Record<string, unknown> = {};
    if (filter.month) where.month = filter.month;
    if (filter.unitCode) where.unitCode = filter.unitCode;
    if (filter.from && filter.to) where.month = Between(filter.from, filter.to);
    return this.forms.find({ where, order: { month: 'DESC', unitCode: 'ASC' } });
  }

  formsWithStatus(statuses: ReviewFormStatus[]): Promise<ReviewFormEntity[]> {
    return this.forms.find({ where: { status: In(statuses) }, order: { id: 'ASC' } });
  }

  async insertForm(form: Omit<ReviewFormEntity, 'id'>, manager: EntityManager): Promise<number> {
    const result = await manager.getRepository(ReviewFormEntity).insert(form);
    return Number(result.identifiers[0].id);
  }

  /** Moves a form on only if it is still in one of `from`: of two concurrent steps exactly one changes the row. */
  async transitionForm(id: number, from: ReviewFormStatus[], fields: Partial<ReviewFormEntity>, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ReviewFormEntity)
      .set(fields)
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Marks the form reminded today; false when it already was (another run, another process). */
  async markReminded(id: number, day: string, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ReviewFormEntity)
      .set({ remindedOn: day })
      .where('id = :id', { id })
      .andWhere('(reminded_on IS NULL OR reminded_on <> :day)', { day })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  // Rows

  rowsOf(formIds: number[], manager?: EntityManager): Promise<ReviewRowEntity[]> {
    if (!formIds.length) return Promise.resolve([]);
    return this.repo(this.rows, ReviewRowEntity, manager).find({
      where: { formId: In(formIds) },
      order: { menuPath: 'ASC', pageId: 'ASC' },
    });
  }

  async insertRows(rows: Omit<ReviewRowEntity, 'id'>[], manager: EntityManager): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await manager.getRepository(ReviewRowEntity).insert(rows.slice(i, i + 200));
  }

  async updateRow(id: number, fields: Partial<ReviewRowEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(ReviewRowEntity).update({ id }, fields);
  }

  // Corrections

  findCorrection(id: number, manager?: EntityManager): Promise<CorrectionEntity | null> {
    return this.repo(this.corrections, CorrectionEntity, manager).findOneBy({ id });
  }

  correctionsOf(formIds: number[], manager?: EntityManager): Promise<CorrectionEntity[]> {
    if (!formIds.length) return Promise.resolve([]);
    return this.repo(this.corrections, CorrectionEntity, manager).find({ where: { formId: In(formIds) }, order: { id: 'ASC' } });
  }

  listCorrections(filter: { status?: CorrectionStatus; sectionCode?: string; unitCode?: string }): Promise<CorrectionEntity[]> {
    const q = this.corrections.createQueryBuilder('c').innerJoin(ReviewFormEntity, 'f', 'f.id = c.form_id').orderBy('c.id', 'DESC');
    if (filter.status) q.andWhere('c.status = :status', { status: filter.status });
    if (filter.sectionCode) q.andWhere('c.section_code = :section', { section: filter.sectionCode });
    if (filter.unitCode) q.andWhere('f.unit_code = :unit', { unit: filter.unitCode });
    return q.getMany();
  }

  async insertCorrection(row: Omit<CorrectionEntity, 'id'>, manager: EntityManager): Promise<number> {
    const result = await manager.getRepository(CorrectionEntity).insert(row);
    return Number(result.identifiers[0].id);
  }

  async transitionCorrection(
    id: number,
    from: CorrectionStatus,
    fields: Partial<CorrectionEntity>,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(CorrectionEntity)
      .set(fields)
      .where('id = :id', { id })
      .andWhere('status = :from', { from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  // History

  async addEvent(event: Omit<ReviewEventEntity, 'id'>, manager: EntityManager): Promise<void> {
    await manager.getRepository(ReviewEventEntity).insert(event);
  }

  eventsOf(formId: number): Promise<ReviewEventEntity[]> {
    return this.events.find({ where: { formId }, order: { id: 'ASC' } });
  }

  // Retention

  formsCreatedBefore(cutoff: Date, manager: EntityManager): Promise<ReviewFormEntity[]> {
    return manager.getRepository(ReviewFormEntity).find({ where: { createdAt: LessThan(cutoff) }, order: { id: 'ASC' } });
  }

  /** Deletes the forms and everything that hangs on them; returns how many rows of each went. */
  async deleteForms(ids: number[], manager: EntityManager): Promise<{ events: number; corrections: number; rows: number; forms: number }> {
    const counts = { events: 0, corrections: 0, rows: 0, forms: 0 };
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      counts.events += (await manager.getRepository(ReviewEventEntity).delete({ formId: In(chunk) })).affected ?? 0;
      counts.corrections += (await manager.getRepository(CorrectionEntity).delete({ formId: In(chunk) })).affected ?? 0;
      counts.rows += (await manager.getRepository(ReviewRowEntity).delete({ formId: In(chunk) })).affected ?? 0;
      counts.forms += (await manager.getRepository(ReviewFormEntity).delete({ id: In(chunk) })).affected ?? 0;
    }
    return counts;
  }
}
