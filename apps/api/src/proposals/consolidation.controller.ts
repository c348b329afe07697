import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Put, Query, Res, UploadedFile } from '@nestjs/common';
import { TableUpload } from '../common/tabular/table-upload';
import { ApiBody, ApiConsumes, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Role, type ConsolidationDto, type ReconcileResultDto } from '@tunedesk/contracts';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Allow } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { sendFile } from '../common/send-file';
import { TABLE_CONTENT_TYPES, TABLE_FORMATS, type TableFormat } from '../common/tabular/write-table';
import { ConsolidationService } from './consolidation.service';

class OrderBody {
  @IsArray()
  @ArrayMaxSize(2000)
  @IsInt({ each: true })
  proposalIds!: number[];
}

class ReasonBody {
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

class CarryBody {
  @IsInt()
  cycleId!: number;
}

class FormatQuery {
  @IsOptional()
  @IsIn(TABLE_FORMATS)
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'csv' })
  format?: TableFormat;
}

/** 服務科彙整: the service section works it; the group leader, administrator and auditor read it. */
@ApiTags('consolidation')
@Controller()
export class ConsolidationController {
  constructor(private readonly consolidation: ConsolidationService) {}

  @Allow(Role.ServiceSection, Role.GroupLeader, Role.SystemAdmin, Role.Auditor)
  @Get('cycles/:id/consolidation')
  overview(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ConsolidationDto> {
    return this.consolidation.overview(actor, id);
  }

  @Allow(Role.ServiceSection)
  @Put('cycles/:id/change-set/order')
  @HttpCode(HttpStatus.NO_CONTENT)
  order(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: OrderBody): Promise<void> {
    return this.consolidation.order(actor, id, body.proposalIds);
  }

  @Allow(Role.ServiceSection, Role.GroupLeader, Role.SystemAdmin, Role.Auditor)
  @Get('cycles/:id/change-set')
  @ApiProduces(...Object.values(TABLE_CONTENT_TYPES))
  async changeSet(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Query() q: FormatQuery,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.consolidation.changeSet(actor, id, q.format ?? 'csv'));
  }

  @Allow(Role.ServiceSection)
  @Post('cycles/:id/change-set/sent')
  @HttpCode(HttpStatus.NO_CONTENT)
  sent(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.consolidation.markSent(actor, id);
  }

  @Allow(Role.ServiceSection)
  @Post('cycles/:id/reconcile')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @TableUpload('reference')
  reconcile(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
  ): Promise<ReconcileResultDto> {
    if (!file)
      throw new DomainError(
        'UPLOAD_MISSING',
        { 'zh-TW': '請選擇廠商更新後的題庫檔（欄位 file）', en: 'Choose the vendor\'s bank file (field "file")' },
        400,
        [{ field: 'file', reason: 'missing' }],
      );
    return this.consolidation.reconcile(actor, id, file.buffer, Buffer.from(file.originalname, 'latin1').toString('utf8'));
  }

  @Allow(Role.ServiceSection)
  @Post('proposals/:id/defer')
  @HttpCode(HttpStatus.NO_CONTENT)
  defer(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: ReasonBody): Promise<void> {
    return this.consolidation.defer(actor, id, body.reason);
  }

  @Allow(Role.ServiceSection)
  @Post('proposals/:id/carry')
  @HttpCode(HttpStatus.NO_CONTENT)
  carry(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: CarryBody): Promise<void> {
    return this.consolidation.carry(actor, id, body.cycleId);
  }

  @Allow(Role.ServiceSection)
  @Post('proposals/:id/apply')
  @HttpCode(HttpStatus.NO_CONTENT)
  apply(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.consolidation.apply(actor, id);
  }
}
