import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type ComplianceGridDto, type ReviewFormDto, type ReviewFormSummaryDto } from '@tunedesk/contracts';
import type { Response } from 'express';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { sendFile } from '../common/send-file';
import { TABLE_CONTENT_TYPES } from '../common/tabular/write-table';
import { ComplianceQueryDto, ExportQueryDto, ReturnFormDto, ReviewListQueryDto, ReviewRowDto } from './dto';
import { ReviewsService } from './reviews.service';

const COMPLIANCE_READERS = [Role.ServiceSection, Role.Auditor, Role.ComplianceOfficer, Role.GroupLeader, Role.SystemAdmin];

/** The monthly review forms (附件三); own unit, or every unit for bureau-wide roles (checked in the service). */
@ApiTags('website')
@Controller('website')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @SignedIn()
  @Get('reviews')
  list(@CurrentActor() actor: Actor, @Query() q: ReviewListQueryDto): Promise<ReviewFormSummaryDto[]> {
    return this.reviews.list(actor, q);
  }

  @SignedIn()
  @Get('reviews/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ReviewFormDto> {
    return this.reviews.get(actor, id);
  }

  @SignedIn()
  @Get('reviews/:id/export')
  @ApiProduces(...Object.values(TABLE_CONTENT_TYPES))
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Query() q: ExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.reviews.exportForm(actor, id, q.format ?? 'csv'));
  }

  @Allow(Role.KnowledgeContact, Role.UnitHead)
  @Put('reviews/:id/rows/:pageId')
  setRow(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Param('pageId') pageId: string,
    @Body() body: ReviewRowDto,
  ): Promise<ReviewFormDto> {
    return this.reviews.setRow(actor, id, pageId, body);
  }

  @Allow(Role.KnowledgeContact, Role.UnitHead)
  @Post('reviews/:id/submit')
  @HttpCode(HttpStatus.OK)
  submit(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ReviewFormDto> {
    return this.reviews.submit(actor, id);
  }

  /** 核章: the head of the form's own unit only (a head of another unit is refused in the service with a 403). */
  @Allow(Role.UnitHead)
  @Post('reviews/:id/approve')
  @HttpCode(HttpStatus.OK)
  approve(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ReviewFormDto> {
    return this.reviews.approve(actor, id);
  }

  @Allow(Role.UnitHead)
  @Post('reviews/:id/return')
  @HttpCode(HttpStatus.OK)
  returnForm(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: ReturnFormDto): Promise<ReviewFormDto> {
    return this.reviews.returnForm(actor, id, body.reason);
  }

  @Allow(...COMPLIANCE_READERS)
  @Get('compliance')
  compliance(@Query() q: ComplianceQueryDto): Promise<ComplianceGridDto> {
    return this.reviews.compliance(q.from, q.to);
  }

  @Allow(...COMPLIANCE_READERS)
  @Get('compliance/export')
  @ApiProduces(...Object.values(TABLE_CONTENT_TYPES))
  async complianceExport(@Query() q: ComplianceQueryDto, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reviews.complianceExport(q.from, q.to, q.format ?? 'csv'));
  }
}
