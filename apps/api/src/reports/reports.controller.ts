import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
} from '@nestjs/common';
import { TableUpload } from '../common/tabular/table-upload';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type MissClusterDto,
  type MissClusterSummaryDto,
  type ReportImportDto,
  type ReportImportRejectedDto,
  type ReviewItemDto,
  type TuningCycleDto,
} from '@tunedesk/contracts';
import { spreadsheetSafe } from '@tunedesk/domain';
import type { Response } from 'express';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { type DownloadFile, sendFile } from '../common/send-file';
import { TABLE_CONTENT_TYPES, type TableFormat, tableFile } from '../common/tabular/write-table';
import { CycleService } from './cycle.service';
import { cycleVisibleTo } from './cycle-visibility';
import { ClusterQueryDto, ExportFormatDto, ReportUploadDto, ReviewQueryDto, ReviewUpdateDto } from './dto';
import { ReviewService } from './review.service';
import { ReportImportService } from './report-import.service';

/** A month's log can be large: uploads stream to a temporary file, never into memory. */

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly imports: ReportImportService,
    private readonly cycles: CycleService,
    private readonly reviews: ReviewService,
  ) {}

  @Allow(Role.ServiceSection, Role.SystemAdmin)
  @Post('reports/imports')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary' },
        month: { type: 'string' },
        replace: { type: 'boolean' },
        profileId: { type: 'integer' },
      },
    },
  })
  @TableUpload('report', 'disk')
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: { path: string; originalname: string } | undefined,
    @Body() body: ReportUploadDto,
  ): Promise<ReportImportDto> {
    if (!file)
      throw new DomainError(
        'UPLOAD_MISSING',
        { 'zh-TW': '請選擇要上傳的檔案（欄位 file）', en: 'Choose a file to upload (field "file")' },
        HttpStatus.BAD_REQUEST,
        [{ field: 'file', reason: 'missing' }],
      );
    return this.imports.submit(actor, { tempPath: file.path, fileName: Buffer.from(file.originalname, 'latin1').toString('utf8') }, body);
  }

  @SignedIn()
  @Get('reports/imports')
  list(): Promise<ReportImportDto[]> {
    return this.imports.list();
  }

  @SignedIn()
  @Get('reports/imports/:id')
  get(@Param('id', ParseIntPipe) id: number): Promise<ReportImportDto> {
    return this.imports.get(id);
  }

  @SignedIn()
  @Get('reports/imports/:id/rejected')
  rejected(@Param('id', ParseIntPipe) id: number): Promise<ReportImportRejectedDto> {
    return this.imports.rejected(id);
  }

  /** The rejected rows of an import as a file: CSV, XLSX or ODS by the extension asked for. */
  @SignedIn()
  @Get('reports/imports/:id/rejected.csv')
  @ApiProduces(TABLE_CONTENT_TYPES.csv)
  async rejectedCsv(@Param('id', ParseIntPipe) id: number, @Res() res: Response): Promise<void> {
    sendFile(res, await this.rejectedFile(id, 'csv'));
  }

  @SignedIn()
  @Get('reports/imports/:id/rejected.xlsx')
  @ApiProduces(TABLE_CONTENT_TYPES.xlsx)
  async rejectedXlsx(@Param('id', ParseIntPipe) id: number, @Res() res: Response): Promise<void> {
    sendFile(res, await this.rejectedFile(id, 'xlsx'));
  }

  @SignedIn()
  @Get('reports/imports/:id/rejected.ods')
  @ApiProduces(TABLE_CONTENT_TYPES.ods)
  async rejectedOds(@Param('id', ParseIntPipe) id: number, @Res() res: Response): Promise<void> {
    sendFile(res, await this.rejectedFile(id, 'ods'));
  }

  private async rejectedFile(id: number, format: TableFormat): Promise<DownloadFile> {
    const r = await this.imports.rejected(id);
    const rows = r.lines.map((l) => [String(l.row), l.column ?? '', l.reason].map(spreadsheetSafe));
    return tableFile(format, `import-${id}-rejected`, [
      { name: '錯誤列', headers: ['列 row', '欄位 column', '原因 reason'], rows, widths: [8, 16, 60] },
    ]);
  }

  /** Withdraws a month's conversation log (refused once the month's cycle is announced). */
  @Allow(Role.ServiceSection, Role.SystemAdmin)
  @Delete('reports/imports/:id')
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ReportImportDto> {
    return this.imports.withdraw(actor, id);
  }

  @Allow(Role.ServiceSection, Role.SystemAdmin)
  @Post('reports/imports/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ReportImportDto> {
    return this.imports.cancel(actor, id);
  }

  /** A month not announced (公告) yet is the service section's and the group leader's only (issue 14). */
  @SignedIn()
  @Get('cycles')
  async cyclesList(@CurrentActor() actor: Actor): Promise<TuningCycleDto[]> {
    return (await this.cycles.list()).filter((c) => cycleVisibleTo(actor, c));
  }

  @SignedIn()
  @Get('cycles/:id')
  async cycle(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<TuningCycleDto> {
    const cycle = await this.cycles.get(id);
    if (!cycleVisibleTo(actor, cycle))
      throw new DomainError('CYCLE_NOT_FOUND', { 'zh-TW': `找不到調校週期 #${id}`, en: `No cycle #${id}` }, HttpStatus.NOT_FOUND);
    return cycle;
  }

  @Allow(Role.ServiceSection)
  @Post('cycles/:id/announce')
  @HttpCode(200)
  announce(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<TuningCycleDto> {
    return this.cycles.announce(actor, id);
  }

  @SignedIn()
  @Get('cycles/:id/clusters')
  clusters(@Param('id', ParseIntPipe) id: number, @Query() q: ClusterQueryDto): Promise<MissClusterSummaryDto[]> {
    return this.cycles.clusters(id, { ...q, unit: q.unit?.toUpperCase() });
  }

  @SignedIn()
  @Get('cycles/:id/clusters/export')
  @ApiProduces(...Object.values(TABLE_CONTENT_TYPES))
  async exportClusters(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Query() q: ExportFormatDto,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.cycles.exportClusters(actor, id, q.format ?? 'csv');
    sendFile(res, file);
  }

  /** A knowledge contact or unit head reads their own unit's review queue; the all-unit roles read any. */
  @SignedIn()
  @Get('cycles/:id/review-items')
  reviewItems(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: ReviewQueryDto): Promise<ReviewItemDto[]> {
    return this.reviews.list(actor, id, q);
  }

  @Allow(Role.KnowledgeContact, Role.GroupLeader, Role.ServiceSection, Role.SystemAdmin)
  @Patch('review-items/:id')
  updateReviewItem(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReviewUpdateDto,
  ): Promise<ReviewItemDto> {
    return this.reviews.update(actor, id, body);
  }

  @SignedIn()
  @Get('clusters/:id')
  cluster(@Param('id', ParseIntPipe) id: number): Promise<MissClusterDto> {
    return this.cycles.cluster(id);
  }
}
