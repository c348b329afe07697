import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type AuditPageDto, type AuditVerifyDto } from '@tunedesk/contracts';
import { formatRocInstant, spreadsheetSafe } from '@tunedesk/domain';
import type { Response } from 'express';
import { Allow } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { Clock, taipeiDay } from '../common/clock';
import { TABLE_CONTENT_TYPES, TABLE_EXTENSIONS, type TableCell, writeTableStream } from '../common/tabular/write-table';
import { AuditExportQueryDto, AuditQueryDto } from './audit-query.dto';
import { AuditService, toAuditEventDto } from './audit.service';

const EXPORT_COLUMNS = [
  '編號 id',
  '時間 (Asia/Taipei)',
  'UTC',
  '帳號 actor',
  '單位 unit',
  '動作 action',
  '對象類型 target type',
  '對象 target id',
  '變更 changes',
  '說明 detail',
  '請求 request id',
  '來源 IP',
];

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Allow(Role.Auditor, Role.SystemAdmin)
  @Get()
  @ApiOkResponse({ description: 'Audit events, newest first, filtered' })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }

  @Allow(Role.Auditor, Role.SystemAdmin)
  @Get('verify')
  @ApiOkResponse({ description: 'Walks the hash chain and names the first broken link' })
  verify(): Promise<AuditVerifyDto> {
    return this.audit.verify();
  }

  /**
   * CSV (UTF-8 with BOM for Excel), XLSX or ODS, streamed as the events are read; every cell is
   * spreadsheet-safe. The export itself is audited.
   */
  @Allow(Role.Auditor, Role.SystemAdmin)
  @Get('export')
  @ApiProduces(...Object.values(TABLE_CONTENT_TYPES))
  async export(@Query() query: AuditExportQueryDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { format = 'csv', ...search } = query;
    const filter = this.audit.toFilter(search);
    const { page: _page, pageSize: _size, ...given } = search;
    await this.audit.record({
      action: 'audit.export',
      actor,
      targetType: 'audit_event',
      detail: format === 'csv' ? { filter: given } : { filter: given, format },
    });
    res.setHeader('Content-Type', TABLE_CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="audit-${taipeiDay(this.clock.now())}${TABLE_EXTENSIONS[format]}"`);
    const file = writeTableStream(format, {
      name: '稽核紀錄',
      headers: EXPORT_COLUMNS,
      rows: this.cells(filter),
      widths: [8, 18, 24, 14, 10, 22, 14, 14, 40, 40, 20, 16],
    });
    file.on('error', () => res.destroy());
    file.pipe(res);
  }

  private async *cells(filter: ReturnType<AuditService['toFilter']>): AsyncGenerator<TableCell[]> {
    for await (const row of this.audit.rows(filter)) {
      const e = toAuditEventDto(row);
      const cells = [
        String(e.id),
        formatRocInstant(row.occurredAt, 'short-time'),
        e.occurredAt,
        e.actorAccount ?? '',
        e.unitCode ?? '',
        e.action,
        e.targetType ?? '',
        e.targetId ?? '',
        e.changes.map((c) => `${c.field}: ${show(c.before)} → ${show(c.after)}`).join('; '),
        e.detail ? JSON.stringify(e.detail) : '',
        e.requestId ?? '',
        e.clientIp ?? '',
      ].map(spreadsheetSafe);
      yield cells;
    }
  }
}
