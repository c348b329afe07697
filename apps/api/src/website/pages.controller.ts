import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type ImportSummary, type WebPageDto, type WebPageTreeNode } from '@tunedesk/contracts';
import type { Response } from 'express';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { sendFile } from '../common/send-file';
import { TableUpload } from '../common/tabular/table-upload';
import { TABLE_CONTENT_TYPES } from '../common/tabular/write-table';
import { CreateWebPageDto, ExportQueryDto, PageListQueryDto, UpdateWebPageDto } from './dto';
import { PagesService } from './pages.service';

/** The website page inventory (format 5): everyone reads it; the service section keeps it. */
@ApiTags('website')
@Controller('website/pages')
export class PagesController {
  constructor(private readonly pages: PagesService) {}

  @SignedIn()
  @Get()
  list(@Query() q: PageListQueryDto): Promise<WebPageDto[]> {
    return this.pages.list(q);
  }

  @SignedIn()
  @Get('tree')
  tree(): Promise<WebPageTreeNode[]> {
    return this.pages.tree();
  }

  @SignedIn()
  @Get('export')
  @ApiProduces(...Object.values(TABLE_CONTENT_TYPES))
  async export(@Query() q: ExportQueryDto, @Res() res: Response): Promise<void> {
    sendFile(res, await this.pages.export(q.format ?? 'csv'));
  }

  @Allow(Role.ServiceSection, Role.SystemAdmin)
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateWebPageDto): Promise<WebPageDto> {
    return this.pages.create(actor, body);
  }

  @Allow(Role.ServiceSection, Role.SystemAdmin)
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @TableUpload('reference')
  import(@CurrentActor() actor: Actor, @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined): Promise<ImportSummary> {
    if (!file)
      throw new DomainError(
        'UPLOAD_MISSING',
        { 'zh-TW': '請選擇要上傳的檔案（欄位 file）', en: 'Choose a file to upload (field "file")' },
        HttpStatus.BAD_REQUEST,
        [{ field: 'file', reason: 'missing' }],
      );
    // Multer reads the name as latin1; browsers send UTF-8.
    return this.pages.import(file.buffer, Buffer.from(file.originalname, 'latin1').toString('utf8'), actor);
  }

  @Allow(Role.ServiceSection, Role.SystemAdmin)
  @Patch(':pageId')
  update(@CurrentActor() actor: Actor, @Param('pageId') pageId: string, @Body() body: UpdateWebPageDto): Promise<WebPageDto> {
    return this.pages.update(actor, pageId, body);
  }

  @Allow(Role.ServiceSection, Role.SystemAdmin)
  @Post(':pageId/retire')
  @HttpCode(HttpStatus.OK)
  retire(@CurrentActor() actor: Actor, @Param('pageId') pageId: string): Promise<WebPageDto> {
    return this.pages.retire(actor, pageId);
  }
}
