import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { MissClusterEntity, ReportImportEntity, ReportMessageEntity, TuningCycleEntity } from './report.entities';

const MESSAGE_COLUMNS =
  'import_id, row_no, month, day, asked_at, session_id, channel, question, normalized, response_type, kb_item_id, confidence, feedback, handed_off, occurrences, is_miss';

/** One field of a LOAD DATA text row: tab-separated, backslash escapes, \N for NULL. */
function loadField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  return String(v).replace(/[\\\t\n\r\0]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\0',
  );
}

function isLocalInfileRefused(error: unknown): boolean {
  const e = error as { errno?: number; code?: string; message?: string };
  // 1148 ER_NOT_ALLOWED_COMMAND, 3948 ER_CLIENT_LOCAL_FILES_DISABLED, 2068 CR_LOAD_DATA_LOCAL_INFILE_REJECTED
  return [1148, 3948, 2068].includes(e.errno ?? 0) || /local (data|infile|files)/i.test(e.message ?? '');
}

/** Database access of report imports, messages, cycles and clusters. */
@Injectable()
export class ReportsRepository {
  private readonly logger = new Logger(ReportsRepository.name);
  /** On MySQL/MariaDB, messages go in by LOAD DATA LOCAL INFILE from memory while the server allows it. */
  private loadData = true;

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
    if (mysql && this.loadData) {
      try {
        await this.loadMessages(rows);
        return;
      } catch (error) {
        // MySQL 8 ships with local_infile off: then multi-row INSERTs, for the rest of this process.
        if (!isLocalInfileRefused(error)) throw error;
        this.loadData = false;
        this.logger.warn('LOAD DATA LOCAL INFILE is refused by the server (local_infile=OFF); using multi-row INSERTs');
      }
    }
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
      await this.messages.query(`INSERT INTO report_message (${MESSAGE_COLUMNS}) VALUES ${values}`, params);
    }
  }

  /**
   * LOAD DATA LOCAL INFILE from an in-memory stream: the server parses the rows itself, several times
   * faster than parameterised INSERTs. The stream factory ignores the name the server asks for, so the
   * server can read nothing but these rows.
   */
  private async loadMessages(rows: Omit<ReportMessageEntity, 'id'>[]): Promise<void> {
    const text = rows
      .map((r) =>
        [
          r.importId,
          r.rowNo,
          r.month,
          r.day,
          r.askedAt,
          r.sessionId,
          r.channel,
          r.question,
          r.normalized,
          r.responseType,
          r.kbItemId,
          r.confidence,
          r.feedback,
          r.handedOff,
          r.occurrences,
          r.isMiss,
        ]
          .map(loadField)
          .join('\t'),
      )
      .join('\n');
    const runner = this.messages.manager.connection.createQueryRunner();
    try {
      const conn = (await runner.connect()) as {
        query(
          options: { sql: string; infileStreamFactory: () => Readable },
          cb: (err: Error | null, result?: { affectedRows?: number }) => void,
        ): void;
      };
      const result = await new Promise<{ affectedRows?: number } | undefined>((resolve, reject) =>
        conn.query(
          {
            sql: `LOAD DATA LOCAL INFILE 'report-messages' INTO TABLE report_message CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${MESSAGE_COLUMNS})`,
            infileStreamFactory: () => Readable.from([Buffer.from(text, 'utf8')]),
          },
          (err, res) => (err ? reject(err) : resolve(res)),
        ),
      );
      // A row the server could not take (a warning, not an error, under LOAD DATA) must not vanish quietly.
      if (result?.affectedRows !== undefined && result.affectedRows !== rows.length)
        throw new Error(`LOAD DATA wrote ${result.affectedRows} of ${rows.length} rows`);
    } finally {
      await runner.release();
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
