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

  /** Multi-row inserts of at most `chunk` rows per statement. */
  async insertMessages(rows: Omit<ReportMessageEntity, 'id'>[], chunk = 500): Promise<void> {
    for (let i = 0; i < rows.length; i += chunk) await this.messages.insert(rows.slice(i, i + chunk));
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
}
