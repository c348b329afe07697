import { Controller, Get, HttpCode, HttpStatus, Post, Query, UploadedFile } from '@nestjs/common';
import { TableUpload } from '../common/tabular/table-upload';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Role } from '@tunedesk/contracts';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { OfficeCalendarProvider } from './office-calendar.provider';

class YearQuery {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

/** The office calendar: everyone reads it; the administrator imports the yearly file. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: OfficeCalendarProvider) {}

  @SignedIn()
  @Get()
  year(@Query() q: YearQuery) {
    return this.calendar.year(q.year);
  }

  @Allow(Role.SystemAdmin)
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @TableUpload('reference')
  import(@CurrentActor() actor: Actor, @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined) {
    if (!file)
      throw new DomainError(
        'UPLOAD_MISSING',
        { 'zh-TW': '請選擇辦公日曆表檔案（欄位 file）', en: 'Choose the calendar file (field "file")' },
        400,
        [{ field: 'file', reason: 'missing' }],
      );
    return this.calendar.import(actor, file.buffer, Buffer.from(file.originalname, 'latin1').toString('utf8'));
  }
}
