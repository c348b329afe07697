import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { type RejectedLine, type ReportImportDto, type ReportImportRejectedDto, type ReportKind, ResponseType } from '@tunedesk/contracts';
import { matchHeaders } from '@tunedesk/domain';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { openTable, problemLine } from '../common/tabular/read-table';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { JOB_ATTEMPTS, JobName } from '../jobs/job-catalogue';
import { JobQueue } from '../jobs/job-queue.service';
import { CycleService } from './cycle.service';
import { MissClusterEntity, ReportImportEntity, ReportMessageEntity, TuningCycleEntity } from './report.entities';
import { ProposalEntity } from '../proposals/proposal.entities';
import { ReviewItemEntity } from '../tuning/tuning.entities';
import { In } from 'typeorm';
import { isMiss, LOG_FIELDS, MessageRow, SUMMARY_FIELDS, validateLogRow, validateSummaryRow } from './report-rows';
import { RollupsService } from '../dashboard/rollups.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersRepository } from '../org/users.repository';
import { TuningSettingsService } from '../tuning/tuning-settings.service';
import { ReportsRepository } from './reports.repository';

export const REJECT_SHARE = 0.05;
const BATCH = 5000;
const PROGRESS_EVERY_MS = 500;
const KEEP_REJECTED = 10_000;

export function toImportDto(i: ReportImportEntity, profileName: string | null = null): ReportImportDto {
  return {
    id: i.id,
    month: i.month,
    kind: i.kind,
    fileName: i.fileName,
    sha256: i.sha256,
    encoding: i.encoding,
    status: i.status,
    progress: i.progress,
    stage: i.stage,
    rowsRead: i.rowsRead,
    accepted: i.accepted,
    rejected: i.rejected,
    byResponseType: i.byResponseType ? JSON.parse(i.byResponseType) : {},
    errorCode: i.errorCode,
    errorMessage: i.errorMessage,
    replacesImportId: i.replacesImportId,
    profileId: i.profileId,
    profileName: i.profileId ? profileName : null,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt ? i.finishedAt.toISOString() : null,
  };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Ends processing early: the import was cancelled. */
class Cancelled extends Error {}

/**
 * Uploads land here: the original is kept (by SHA-256) and a job streams it
 * into messages. The same bytes twice are refused as a duplicate; a second
 * report for a month replaces the first only when asked, and only once the
 * new one has fully succeeded.
 */
@Injectable()
export class ReportImportService {
  private readonly logger = new Logger(ReportImportService.name);

  constructor(
    private readonly repo: ReportsRepository,
    private readonly cycles: CycleService,
    private readonly settings: TuningSettingsService,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
    private readonly rollups: RollupsService,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registers an uploaded file (at `tempPath`, moved into the file store) and starts its import job. */
  async submit(
    actor: Actor,
    upload: { tempPath: string; fileName: string },
    options: { month?: string; replace?: boolean; profileId?: number },
  ): Promise<ReportImportDto> {
    if (options.month && !MONTH_RE.test(options.month))
      throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '月份格式應為 YYYY-MM', en: 'month must be YYYY-MM' }, HttpStatus.BAD_REQUEST, [
        { field: 'month', reason: 'YYYY-MM' },
      ]);
    if (options.profileId)
      await this.settings.findProfile(options.profileId).catch(async () => {
        await rm(upload.tempPath, { force: true });
        throw new DomainError(
          'VALIDATION_FAILED',
          { 'zh-TW': `找不到匯入設定檔 #${options.profileId}`, en: `No import profile #${options.profileId}` },
          HttpStatus.UNPROCESSABLE_ENTITY,
          [{ field: 'profileId', reason: 'unknown profile' }],
        );
      });
    const sha256 = await sha256Of(upload.tempPath);
    const earlier = await this.repo.findLiveBySha(sha256);
    if (earlier) {
      await rm(upload.tempPath, { force: true });
      throw new DomainError(
        'REPORT_DUPLICATE_FILE',
        {
          'zh-TW': `此檔案已於匯入 #${earlier.id}（${earlier.month}）匯入過，未再匯入`,
          en: `This file was already imported as import #${earlier.id} (${earlier.month}); nothing changed`,
        },
        HttpStatus.CONFLICT,
        [{ field: 'file', reason: `import #${earlier.id}` }],
      );
    }
    const dir = resolve(this.config.filesDir, 'reports');
    await mkdir(dir, { recursive: true });
    const filePath = join(dir, `${sha256}${extname(upload.fileName).toLowerCase() || '.csv'}`);
    await rename(upload.tempPath, filePath).catch(async () => {
      await copyFile(upload.tempPath, filePath);
      await rm(upload.tempPath, { force: true });
    });
    const now = this.clock.now();
    const kind = await this.peekKind(filePath, upload.fileName, options.profileId);
    const entity = await this.repo.imports.save(
      this.repo.imports.create({
        month: options.month ?? '',
        kind,
        fileName: upload.fileName.slice(0, 255),
        filePath,
        sha256,
        encoding: null,
        status: 'queued',
        stage: null,
        progress: 0,
        rowsRead: 0,
        accepted: 0,
        rejected: 0,
        byResponseType: null,
        rejectedLines: null,
        errorCode: null,
        errorMessage: null,
        replacesImportId: null,
        profileId: options.profileId ?? null,
        cancelRequested: false,
        createdBy: actor.account,
        createdAt: now,
        finishedAt: null,
      }),
    );
    // "replace" is recorded now and checked again when the rows are in: the month may change meanwhile.
    if (options.replace) await this.repo.updateImport(entity.id, { replacesImportId: -1 });
    else if (options.month) {
      const existing = await this.repo.findCompletedForMonth(options.month, kind);
      if (existing) {
        await this.repo.updateImport(entity.id, { status: 'refused', errorCode: 'REPORT_MONTH_EXISTS', finishedAt: now });
        throw monthExists(options.month, existing.id);
      }
    }
    await this.audit.record({
      action: 'report.import',
      actor,
      unitCode: null,
      targetType: 'report-import',
      targetId: entity.id,
      detail: { fileName: entity.fileName, sha256, month: options.month ?? null, replace: !!options.replace },
    });
    await this.queue.enqueue({ name: JobName.ReportImport, key: `import-${entity.id}`, data: { importId: entity.id } });
    return this.get(entity.id);
  }

  /** Which format a file is, from its header only; an unreadable file is left for the job to refuse with reasons. */
  private async peekKind(path: string, fileName: string, profileId?: number): Promise<ReportKind> {
    try {
      const table = await openTable({ path }, fileName, 'report');
      await table.rows.return(undefined);
      const { specs } = await this.settings.readersFor(table.headers, profileId);
      return matchHeaders(table.headers, specs.log).missing.length && !matchHeaders(table.headers, specs.summary).missing.length
        ? 'summary'
        : 'log';
    } catch {
      return 'log';
    }
  }

  /**
   * Deletes kept originals older than the retention period (the audit rule, at least two years):
   * the import's rows and counts stay, the file goes, and each deletion is audited.
   */
  async purgeOriginals(actor: Actor): Promise<{ deleted: number[] }> {
    const cutoff = new Date(this.clock.now().getTime() - Math.max(183, this.config.auditRetentionDays) * 86_400_000);
    const old = await this.repo.imports
      .createQueryBuilder('i')
      .where('i.created_at < :cutoff', { cutoff })
      .andWhere("i.file_path <> ''")
      .getMany();
    const deleted: number[] = [];
    for (const imp of old) {
      // Another import of the same bytes, still within retention, keeps the shared file.
      const sharing = await this.repo.imports
        .createQueryBuilder('i')
        .where('i.sha256 = :sha', { sha: imp.sha256 })
        .andWhere('i.created_at >= :cutoff', { cutoff })
        .getCount();
      if (!sharing) await rm(imp.filePath, { force: true });
      await this.repo.updateImport(imp.id, { filePath: '' });
      await this.audit.record({
        action: 'report.file-purged',
        actor,
        unitCode: null,
        targetType: 'report-import',
        targetId: imp.id,
        detail: { fileName: imp.fileName, sha256: imp.sha256 },
      });
      deleted.push(imp.id);
    }
    return { deleted };
  }

  async get(id: number): Promise<ReportImportDto> {
    const i = await this.repo.findImport(id);
    if (!i)
      throw new DomainError('REPORT_IMPORT_NOT_FOUND', { 'zh-TW': `找不到匯入 #${id}`, en: `No import #${id}` }, HttpStatus.NOT_FOUND);
    return toImportDto(i, await this.profileName(i.profileId));
  }

  async list(): Promise<ReportImportDto[]> {
    const names = new Map((await this.settings.listProfiles()).map((p) => [p.id, p.name]));
    return (await this.repo.listImports()).map((i) => toImportDto(i, i.profileId ? (names.get(i.profileId) ?? null) : null));
  }

  private async profileName(id: number | null): Promise<string | null> {
    return id ? ((await this.settings.findProfile(id).catch(() => null))?.name ?? null) : null;
  }

  async rejected(id: number): Promise<ReportImportRejectedDto> {
    const i = await this.repo.findImport(id);
    if (!i)
      throw new DomainError('REPORT_IMPORT_NOT_FOUND', { 'zh-TW': `找不到匯入 #${id}`, en: `No import #${id}` }, HttpStatus.NOT_FOUND);
    return { importId: id, total: i.rejected, lines: i.rejectedLines ? (JSON.parse(i.rejectedLines) as RejectedLine[]) : [] };
  }

  async cancel(actor: Actor, id: number): Promise<ReportImportDto> {
    const i = await this.repo.findImport(id);
    if (!i)
      throw new DomainError('REPORT_IMPORT_NOT_FOUND', { 'zh-TW': `找不到匯入 #${id}`, en: `No import #${id}` }, HttpStatus.NOT_FOUND);
    if (i.status !== 'queued' && i.status !== 'processing')
      throw new DomainError(
        'REPORT_IMPORT_FINISHED',
        { 'zh-TW': `匯入 #${id} 已結束，無法取消`, en: `Import #${id} has finished and cannot be cancelled` },
        HttpStatus.CONFLICT,
      );
    await this.repo.updateImport(id, { cancelRequested: true });
    await this.audit.record({ action: 'report.cancel', actor, unitCode: null, targetType: 'report-import', targetId: id });
    return this.get(id);
  }

  /**
   * Withdraws a month's conversation log: its messages and the month's
   * dashboard figures go in one transaction, and so does the month's cycle
   * while nobody has been asked to work on it. Once the cycle is announced the
   * month's work depends on it: refused (replace the report instead).
   */
  async withdraw(actor: Actor, id: number): Promise<ReportImportDto> {
    const i = await this.repo.findImport(id);
    if (!i)
      throw new DomainError('REPORT_IMPORT_NOT_FOUND', { 'zh-TW': `找不到匯入 #${id}`, en: `No import #${id}` }, HttpStatus.NOT_FOUND);
    if (i.status !== 'completed' || i.kind !== 'log' || !i.month)
      throw new DomainError(
        'REPORT_IMPORT_NOT_ACTIVE',
        {
          'zh-TW': `匯入 #${id} 不是生效中的客服對話紀錄，無法撤回`,
          en: `Import #${id} is not a month's active conversation log and cannot be withdrawn`,
        },
        HttpStatus.CONFLICT,
      );
    const month = i.month;
    await this.tx.run(async (m) => {
      const cycle = await m.getRepository(TuningCycleEntity).findOneBy({ month });
      if (cycle?.announcedAt)
        throw new DomainError(
          'CYCLE_ANNOUNCED',
          {
            'zh-TW': `${cycle.label}已公告，各單位已開始作業，不能撤回此月報表；如報表有誤，請上傳正確的報表取代`,
            en: `${cycle.label} has been announced and units are working on it; upload a corrected report to replace this one instead`,
          },
          HttpStatus.CONFLICT,
        );
      if (cycle) {
        const proposals = await m.getRepository(ProposalEntity).countBy({ cycleId: cycle.id });
        if (proposals)
          throw new DomainError(
            'CYCLE_HAS_PROPOSALS',
            { 'zh-TW': `${cycle.label}已有 ${proposals} 筆提案，不能撤回此月報表`, en: `${cycle.label} has ${proposals} proposals` },
            HttpStatus.CONFLICT,
          );
        const clusters = m.getRepository(MissClusterEntity);
        const ids = (await clusters.find({ select: { id: true }, where: { cycleId: cycle.id } })).map((c) => c.id);
        for (let k = 0; k < ids.length; k += 500)
          await clusters.update({ previousClusterId: In(ids.slice(k, k + 500)) }, { previousClusterId: null });
        await clusters.delete({ cycleId: cycle.id });
        await m.getRepository(ReviewItemEntity).delete({ cycleId: cycle.id });
        await m.getRepository(TuningCycleEntity).delete({ id: cycle.id });
      }
      await this.repo.deleteMessagesOf(id, m);
      await this.rollups.deleteMonth(m, month);
      await this.repo.updateImport(id, { status: 'withdrawn' }, m);
      await this.audit.record(
        {
          action: 'report.withdraw',
          actor,
          unitCode: null,
          targetType: 'report-import',
          targetId: id,
          detail: { month, cycleRemoved: cycle?.id ?? null },
        },
        m,
      );
    });
    return this.get(id);
  }

  /**
   * The job: streams the file into messages in batches. Safe to run again
   * after a crash: it first removes whatever an earlier attempt wrote.
   */
  async process(importId: number, progress: (percent: number) => Promise<void> = async () => undefined): Promise<ReportImportDto> {
    const imp = await this.repo.findImport(importId);
    if (!imp) throw new Error(`import ${importId} does not exist`);
    if (!['queued', 'processing'].includes(imp.status)) return this.get(imp.id);
    const stage = async (name: string, percent: number) => {
      await this.repo.updateImport(importId, { stage: name, progress: percent });
      await progress(percent);
    };
    await this.repo.deleteMessagesOf(importId);
    await this.repo.updateImport(importId, {
      status: 'processing',
      stage: 'reading',
      progress: 0,
      rowsRead: 0,
      accepted: 0,
      rejected: 0,
      errorCode: null,
      errorMessage: null,
    });
    try {
      const result = await this.ingest(imp, stage);
      if (result.refused) return this.finish(importId, 'refused', result.refused);
      await stage('activating', 90);
      await this.activate(imp, result.month, result.kind);
      await stage('clustering', 92);
      await this.cycles.rebuild(result.month, async (p) => stage(p.stage, 92 + Math.round(p.percent * 0.08)), {
        id: importId,
        kind: result.kind,
      });
      await this.repo.updateImport(importId, { status: 'completed', stage: 'done', progress: 100, finishedAt: this.clock.now() });
      const done = await this.get(importId);
      await this.tellUploader(done);
      return done;
    } catch (error) {
      if (error instanceof Cancelled)
        return this.finish(importId, 'cancelled', { code: 'REPORT_IMPORT_CANCELLED', message: '匯入已取消 / the import was cancelled' });
      if (error instanceof DomainError)
        return this.finish(importId, 'refused', {
          code: error.code,
          message: `${error.messages['zh-TW']} / ${error.messages.en}`,
          lines: error.details?.map((d) => ({ row: d.row ?? 0, column: d.column, reason: d.reason })),
        });
      throw error;
    }
  }

  /** After the last attempt failed (not a refusal: a crash, a lost file): nothing is kept, the uploader is told. */
  async markFailed(importId: number, error: unknown): Promise<void> {
    await this.repo.deleteMessagesOf(importId);
    await this.repo.updateImport(importId, {
      status: 'failed',
      stage: null,
      errorCode: 'REPORT_IMPORT_FAILED',
      errorMessage: `匯入失敗，已重試 ${JOB_ATTEMPTS} 次；請重新上傳或洽資訊室 / the import failed after ${JOB_ATTEMPTS} attempts: ${error instanceof Error ? error.message.slice(0, 300) : 'unknown error'}`,
      finishedAt: this.clock.now(),
    });
    await this.tellUploader(await this.get(importId));
  }

  /** The uploader hears how the import ended (a CLI import by the system has nobody to tell). */
  private async tellUploader(imp: ReportImportDto): Promise<void> {
    const uploader = await this.users.findByAccount(imp.createdBy);
    if (!uploader) return;
    const ok = imp.status === 'completed';
    await this.notifications.notify([uploader.id], {
      kind: ok ? 'report.imported' : imp.status === 'failed' ? 'report.failed' : 'report.refused',
      title: ok
        ? {
            'zh-TW': `報表 ${imp.fileName}（${imp.month}）匯入完成：${imp.accepted} 筆`,
            en: `${imp.fileName} (${imp.month}) imported: ${imp.accepted} rows`,
          }
        : {
            'zh-TW': `報表 ${imp.fileName} 未匯入：${imp.errorCode ?? ''}`,
            en: `${imp.fileName} was not imported: ${imp.errorCode ?? ''}`,
          },
      link: `/reports/imports/${imp.id}`,
    });
  }

  private async finish(
    importId: number,
    status: 'refused' | 'cancelled',
    why: { code: string; message: string; lines?: RejectedLine[] },
  ): Promise<ReportImportDto> {
    await this.repo.deleteMessagesOf(importId);
    await this.repo.updateImport(importId, {
      status,
      stage: null,
      errorCode: why.code,
      errorMessage: why.message,
      ...(why.lines ? { rejectedLines: JSON.stringify(why.lines.slice(0, KEEP_REJECTED)) } : {}),
      finishedAt: this.clock.now(),
    });
    const ended = await this.get(importId);
    if (status === 'refused') await this.tellUploader(ended);
    return ended;
  }

  private async ingest(
    imp: ReportImportEntity,
    stage: (name: string, percent: number) => Promise<void>,
  ): Promise<{ month: string; kind: ReportKind; refused?: { code: string; message: string; lines: RejectedLine[] } }> {
    const table = await openTable({ path: imp.filePath }, imp.fileName, 'report');
    // The built-in names, or the import profile whose names read these headers.
    const readers = await this.settings.readersFor(table.headers, imp.profileId);
    if (readers.profile?.id !== imp.profileId) await this.repo.updateImport(imp.id, { profileId: readers.profile?.id ?? null });
    const log = matchHeaders(table.headers, readers.specs.log as typeof LOG_FIELDS);
    const summary = matchHeaders(table.headers, readers.specs.summary as typeof SUMMARY_FIELDS);
    const kind: ReportKind = log.missing.length === 0 ? 'log' : summary.missing.length === 0 ? 'summary' : 'log';
    if (log.missing.length && summary.missing.length) {
      const missing = log.missing.length <= summary.missing.length ? log.missing : summary.missing;
      throw new DomainError(
        'IMPORT_HEADER_MISSING',
        {
          'zh-TW': `檔案「${imp.fileName}」不是對話紀錄或未能回答明細：缺少欄位 ${missing.map((m) => m.label).join('、')}（第 1 列）`,
          en: `"${imp.fileName}" is neither a conversation log nor an unanswered summary: missing ${missing.map((m) => m.label).join(', ')} (row 1)`,
        },
        422,
        missing.map((m) => ({ file: imp.fileName, row: 1, column: m.label, reason: 'missing header' })),
      );
    }
    if (kind === 'summary' && !imp.month)
      throw new DomainError(
        'REPORT_MONTH_REQUIRED',
        { 'zh-TW': '未能回答明細沒有日期，請指定月份', en: 'An unanswered summary has no dates: give the month' },
        422,
        [{ field: 'month', reason: 'required for a summary' }],
      );
    await this.repo.updateImport(imp.id, { encoding: table.encoding, kind });
    const columns = (kind === 'log' ? log : summary).columns as Record<string, number | undefined>;
    const rejected: RejectedLine[] = [];
    let rejectedRows = 0;
    let rowsRead = 0;
    let accepted = 0;
    const months = new Map<string, number>();
    const byType: Partial<Record<ResponseType, number>> = {};
    let batch: Omit<ReportMessageEntity, 'id'>[] = [];
    // One batch is written while the next is parsed and validated; its failure is kept for the next await.
    let writing: Promise<void> | null = null;
    let writeFailure: unknown = null;
    let reportedAt = 0;
    const settle = async () => {
      if (writing) await writing;
      writing = null;
      if (writeFailure) throw writeFailure;
    };
    const flush = async (final = false) => {
      await settle();
      if (batch.length) {
        const rows = batch;
        batch = [];
        writing = this.repo.insertMessages(rows).catch((error: unknown) => {
          writeFailure = error;
        });
      }
      if (final) await settle();
      // Progress and the cancel flag: twice a second is often enough, and every round trip slows the import.
      if (final || Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
        reportedAt = Date.now();
        const current = await this.repo.findImport(imp.id);
        if (current?.cancelRequested) throw new Cancelled();
        await this.repo.updateImport(imp.id, { rowsRead, accepted, rejected: rejectedRows });
        await stage('reading', Math.min(89, Math.round((table.bytesRead() / table.size) * 89)));
      }
    };
    try {
      for await (const read of table.rows) {
        const { row, cells } = read;
        rowsRead++;
        if (read.problem) {
          rejectedRows++;
          if (rejected.length < KEEP_REJECTED) rejected.push(problemLine(table.headers, read));
          continue;
        }
        const get = (f: string) => {
          const i = columns[f];
          return i === undefined ? '' : (cells[i] ?? '');
        };
        const result = kind === 'log' ? validateLogRow(row, get, imp.month || null) : validateSummaryRow(row, get, imp.month);
        if (Array.isArray(result)) {
          rejectedRows++;
          if (rejected.length < KEEP_REJECTED) rejected.push(...result);
          continue;
        }
        accepted++;
        months.set(result.month, (months.get(result.month) ?? 0) + 1);
        byType[result.responseType] = (byType[result.responseType] ?? 0) + result.occurrences;
        batch.push(this.toEntity(imp.id, result));
        if (batch.length >= BATCH) await flush();
      }
      await flush(true);
    } finally {
      // Whatever ended the loop, no write may still be running when the caller cleans up.
      if (writing) await writing;
    }
    // The month is the one most rows belong to (or the one given).
    const month = imp.month || [...months.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] || '';
    await this.repo.updateImport(imp.id, {
      rowsRead,
      accepted,
      rejected: rejectedRows,
      rejectedLines: JSON.stringify(rejected),
      byResponseType: JSON.stringify(byType),
      month,
    });
    if (rowsRead === 0)
      return {
        month,
        kind,
        refused: { code: 'IMPORT_NO_ROWS', message: `檔案「${imp.fileName}」沒有任何資料列 / no data rows`, lines: [] },
      };
    if (rejectedRows / rowsRead > REJECT_SHARE)
      return {
        month,
        kind,
        refused: {
          code: 'IMPORT_TOO_MANY_REJECTED',
          message: `${rejectedRows} / ${rowsRead} 列錯誤，超過 ${REJECT_SHARE * 100}%，整個檔案未匯入 / ${rejectedRows} of ${rowsRead} rows are invalid, above ${REJECT_SHARE * 100}%; nothing was imported`,
          lines: rejected,
        },
      };
    if (!imp.month && months.size > 1) {
      // Rows of other months than the inferred one are not this report's: drop them, keep the count honest.
      await this.repo.messages.createQueryBuilder().delete().where('import_id = :id AND month <> :month', { id: imp.id, month }).execute();
    }
    return { month, kind };
  }

  private toEntity(importId: number, r: MessageRow): Omit<ReportMessageEntity, 'id'> {
    return { importId, ...r, isMiss: isMiss(r) };
  }

  /**
   * Makes this import the month's report. A replaced report's rows are
   * removed in the same transaction that marks the new one done, so readers
   * see the old month or the new one, never both or neither.
   */
  private async activate(imp: ReportImportEntity, month: string, kind: ReportKind): Promise<void> {
    await this.tx.run(async (m) => {
      const existing = await m
        .getRepository(ReportImportEntity)
        .findOne({ where: { month, kind, status: 'completed' }, order: { id: 'DESC' } });
      if (existing && existing.id !== imp.id) {
        const fresh = await m.getRepository(ReportImportEntity).findOneBy({ id: imp.id });
        if (fresh?.replacesImportId !== -1) throw monthExists(month, existing.id);
        await this.repo.deleteMessagesOf(existing.id, m);
        await this.repo.updateImport(existing.id, { status: 'superseded' }, m);
        await this.repo.updateImport(imp.id, { replacesImportId: existing.id }, m);
      } else if (imp.replacesImportId === -1) {
        await this.repo.updateImport(imp.id, { replacesImportId: null }, m);
      }
      await this.repo.updateImport(imp.id, { month }, m);
      // The dashboards' figures follow the month's report in the same transaction.
      if (kind === 'log') await this.rollups.rebuildMonth(m, month, imp.id);
    });
  }
}

function monthExists(month: string, importId: number): DomainError {
  return new DomainError(
    'REPORT_MONTH_EXISTS',
    {
      'zh-TW': `${month} 已有報表（匯入 #${importId}）；要取代請確認`,
      en: `${month} already has a report (import #${importId}); confirm to replace it`,
    },
    HttpStatus.CONFLICT,
    [{ field: 'replace', reason: `import #${importId}` }],
  );
}
