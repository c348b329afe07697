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
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
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
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { sendFile } from '../common/send-file';
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

  @SignedIn()
  @Get('reports/imports/:id/rejected.csv')
  async rejectedCsv(@Param('id', ParseIntPipe) id: number, @Res() res: Response): Promise<void> {
    const r = await this.imports.rejected(id);
    const rows = r.lines.map((l) => [String(l.row), l.column ?? '', l.reason].map(spreadsheetSafe));
    sendFile(res, {
      fileName: `import-${id}-rejected.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.concat([
        Buffer.from('\uFEFF'),
        Buffer.from(stringify([['列 row', '欄位 column', '原因 reason'], ...rows], { record_delimiter: 'windows' })),
      ]),
    });
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
