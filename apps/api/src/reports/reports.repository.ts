import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { MissClusterEntity, ReportImportEntity, ReportMessageEntity, TuningCycleEntity } from './report.entities';

/** Database access of report imports, messages, cycles and clusters. */
@Injectable()
export class ReportsRepository {
  constructor(
    @InjectRepository(ReportImportEntity) readonly imports: Repository<ReportImportEntity>,
    @InjectRepository(ReportMessageEntity) readonly messages: Repository<ReportMessageEntity>,
    @InjectRepository(TuningCycleEntity) readonly cycles: Repository<TuningCycleEntity>,
    @InjectRepository(MissClusterEntity) readonly clusters: Repository<MissClusterEntity>,
  ) {}

  findImport(id: number): Promise<ReportImportEntity | null> {
    return this.imports.findOneBy({ id });
  }

  listImports(): Promise<ReportImportEntity[]> {
    return this.imports.find({ order: { id: 'DESC' }, take: 200 });
  }

  /** An import of the same bytes that counts (not refused, failed or cancelled). */
  findLiveBySha(sha256: string): Promise<ReportImportEntity | null> {
    return this.imports.findOne({
      where: { sha256, status: In(['queued', 'processing', 'completed', 'superseded']) },
      order: { id: 'ASC' },
    });
  }

  findCompletedForMonth(month: string, kind: string): Promise<ReportImportEntity | null> {
    return this.imports.findOne({ where: { month, kind: kind as never, status: 'completed' }, order: { id: 'DESC' } });
  }

  async updateImport(id: number, fields: Partial<ReportImportEntity>, manager?: EntityManager): Promise<void> {
    await (manager ? manager.getRepository(ReportImportEntity) : this.imports).update({ id }, fields);
  }

  /**
   * Multi-row INSERTs in plain SQL, `chunk` rows per statement: the hot path of a month's import, where
   * the ORM's per-row bookkeeping cost more than the database did.
   */
  async insertMessages(rows: Omit<ReportMessageEntity, 'id'>[], chunk = 1000): Promise<void> {
    const mysql = this.messages.manager.connection.options.type === 'mysql';
    // SQLite stores datetimes as UTC text, as TypeORM writes them; mysql2 converts Dates itself (timezone Z).
    const when = (d: Date | null) => (d === null ? null : mysql ? d : d.toISOString().replace('T', ' ').replace('Z', ''));
    const flag = (b: boolean) => (mysql ? b : b ? 1 : 0);
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const params: unknown[] = [];
      for (const r of part)
        params.push(
          r.importId,
          r.rowNo,
          r.month,
          r.day,
          when(r.askedAt),
          r.sessionId,
          r.channel,
          r.question,
          r.normalized,
          r.responseType,
          r.kbItemId,
          r.confidence,
          r.feedback,
          flag(r.handedOff),
          r.occurrences,
          flag(r.isMiss),
        );
      const values = part.map(() => '(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',');
      await this.messages.query(
        `INSERT INTO report_message (import_id, row_no, month, day, asked_at, session_id, channel, question, normalized, response_type, kb_item_id, confidence, feedback, handed_off, occurrences, is_miss) VALUES ${values}`,
        params,
      );
    }
  }

  async deleteMessagesOf(importId: number, manager?: EntityManager): Promise<void> {
    await (manager ? manager.getRepository(ReportMessageEntity) : this.messages).delete({ importId });
  }

  countMessagesByType(importId: number): Promise<{ type: string; count: number }[]> {
    return this.messages
      .createQueryBuilder('m')
      .select('m.response_type', 'type')
      .addSelect('SUM(m.occurrences)', 'count')
      .where('m.import_id = :importId', { importId })
      .groupBy('m.response_type')
      .getRawMany<{ type: string; count: string | number }>()
      .then((rows) => rows.map((r) => ({ type: r.type, count: Number(r.count) })));
  }

  missesOf(importIds: number[]): Promise<ReportMessageEntity[]> {
    if (importIds.length === 0) return Promise.resolve([]);
    return this.messages.find({ where: { importId: In(importIds), isMiss: true }, order: { id: 'ASC' } });
  }

  /** Per item the bot answered or suggested: hits, ratings and 不滿意 ratings over the given imports. */
  async itemStats(importIds: number[]): Promise<Map<string, { hits: number; ratings: number; dissatisfied: number }>> {
    const out = new Map<string, { hits: number; ratings: number; dissatisfied: number }>();
    if (importIds.length === 0) return out;
    const rows = await this.messages
      .createQueryBuilder('m')
      .select('m.kb_item_id', 'item')
      .addSelect('m.feedback', 'feedback')
      .addSelect('SUM(m.occurrences)', 'n')
      .where('m.import_id IN (:...ids)', { ids: importIds })
      .andWhere('m.kb_item_id IS NOT NULL')
      .andWhere('m.response_type IN (:...types)', { types: ['answered', 'suggested'] })
      .groupBy('m.kb_item_id')
      .addGroupBy('m.feedback')
      .getRawMany<{ item: string; feedback: string | null; n: string | number }>();
    for (const r of rows) {
      const e = out.get(r.item) ?? { hits: 0, ratings: 0, dissatisfied: 0 };
      const n = Number(r.n);
      e.hits += n;
      if (r.feedback) e.ratings += n;
      if (r.feedback === '不滿意') e.dissatisfied += n;
      out.set(r.item, e);
    }
    return out;
  }
}
