import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { TableUpload } from '../common/tabular/table-upload';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type KbDiffDto,
  type KbHealthDto,
  type KbImportResultDto,
  type KbItemDto,
  type KbItemPageDto,
  type KbSearchHitDto,
  type KbVersionDto,
} from '@tunedesk/contracts';
import type { Response } from 'express';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { sendFile } from '../common/send-file';
import { TABLE_CONTENT_TYPES } from '../common/tabular/write-table';
import { KbDiffQueryDto, KbExportQueryDto, KbListQueryDto, KbSearchQueryDto, KbStatusChangeDto } from './dto';
import { KnowledgeService } from './knowledge.service';

/** Uploads are read in memory: a bank of thousands of items is a few megabytes. */

interface UploadedBankFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/**
 * The question bank. Everyone signed in reads; the administrator imports the
 * baseline and corrects status. There is no general "edit item" route: other
 * changes come only from approved proposals.
 */
@ApiTags('knowledge')
@Controller('kb')
export class KnowledgeController {
  constructor(private readonly kb: KnowledgeService) {}

  @SignedIn()
  @Get('items')
  list(@Query() q: KbListQueryDto): Promise<KbItemPageDto> {
    return this.kb.list(
      { q: q.q?.trim() || undefined, category: q.category, unit: q.unit?.toUpperCase(), status: q.status },
      q.page,
      q.pageSize,
    );
  }

  @SignedIn()
  @Get('categories')
  categories(): Promise<string[]> {
    return this.kb.categories();
  }

  @SignedIn()
  @Get('search')
  search(@Query() q: KbSearchQueryDto): Promise<KbSearchHitDto[]> {
    return this.kb.search(q.q, q.limit ?? 10);
  }

  @SignedIn()
  @Get('health')
  health(): Promise<KbHealthDto> {
    return this.kb.health();
  }

  @SignedIn()
  @Get('export')
  @ApiProduces(...Object.values(TABLE_CONTENT_TYPES))
  async export(@Query() q: KbExportQueryDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const file = await this.kb.export(actor, q.format ?? 'csv');
    sendFile(res, file);
  }

  @SignedIn()
  @Get('items/:id')
  get(@Param('id') id: string): Promise<KbItemDto> {
    return this.kb.get(id);
  }

  @SignedIn()
  @Get('items/:id/versions')
  versions(@Param('id') id: string): Promise<KbVersionDto[]> {
    return this.kb.versions(id);
  }

  @SignedIn()
  @Get('items/:id/diff')
  diff(@Param('id') id: string, @Query() q: KbDiffQueryDto): Promise<KbDiffDto> {
    return this.kb.diff(id, q.from, q.to);
  }

  @Allow(Role.SystemAdmin)
  @Patch('items/:id/status')
  setStatus(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: KbStatusChangeDto): Promise<KbItemDto> {
    return this.kb.setStatus(actor, id, body.status, body.reason.trim());
  }

  @Allow(Role.SystemAdmin)
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @TableUpload('reference')
  import(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedBankFile | undefined): Promise<KbImportResultDto> {
    if (!file)
      throw new DomainError(
        'UPLOAD_MISSING',
        { 'zh-TW': '請選擇要上傳的檔案（欄位 file）', en: 'Choose a file to upload (field "file")' },
        HttpStatus.BAD_REQUEST,
        [{ field: 'file', reason: 'missing' }],
      );
    // Multer reads the name as latin1; browsers send UTF-8.
    const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.kb.import(actor, file.buffer, name);
  }
}
