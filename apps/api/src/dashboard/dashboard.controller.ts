import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  EFFECT_VERDICTS,
  Role,
  type EffectDto,
  type EffectVerdict,
  type ItemMonthDto,
  type ItemsOverviewDto,
  type MissesMonthDto,
  type MonthlySummaryDto,
  type ProgressDto,
  type QualityBreakdownDto,
  type QualityDayDto,
  type QualityDto,
  type SendBackResultDto,
} from '@tunedesk/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { sendFile } from '../common/send-file';
import { TABLE_CONTENT_TYPES } from '../common/tabular/write-table';
import { DashboardService } from './dashboard.service';
import { EffectService } from './effect.service';
import { TableExportBody, tableExport } from './export-table';
import { InsightsService } from './insights.service';
import { ProgressService } from './progress.service';
import { SummaryService } from './summary.service';

class QualityQuery {
  @IsOptional()
  @IsString()
  @MaxLength(7)
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(7)
  to?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  channel?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  category?: string;
}

class CycleUnitQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cycle?: number;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  unit?: string;
}

class EffectQuery extends CycleUnitQuery {
  @IsOptional()
  @IsIn(EFFECT_VERDICTS)
  verdict?: EffectVerdict;
}

/** Who reads a tuning team's progress and effect: its own unit (contacts, heads), or every unit (leader, service section, auditor, admin). */
const TEAM_READERS = [Role.KnowledgeContact, Role.UnitHead, Role.GroupLeader, Role.ServiceSection, Role.Auditor, Role.SystemAdmin] as const;

/**
 * Dashboards. Chatbot quality, misses and item use are bureau-wide figures
 * with no personal data: everyone signed in. Team progress and effect: the
 * tuning team, held to its own unit in the services. The monthly summary:
 * the service section and those who oversee it.
 */
@ApiTags('dashboard')
@Controller()
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly insights: InsightsService,
    private readonly progressService: ProgressService,
    private readonly effectService: EffectService,
    private readonly summaryService: SummaryService,
  ) {}

  @SignedIn()
  @Get('dashboard/quality')
  quality(@Query() q: QualityQuery): Promise<QualityDto> {
    return this.dashboard.quality(q);
  }

  @SignedIn()
  @Get('dashboard/quality/:month/days')
  days(@Param('month') month: string, @Query() q: QualityQuery): Promise<QualityDayDto[]> {
    return this.dashboard.days(month, q);
  }

  @SignedIn()
  @Get('dashboard/quality/:month/breakdown')
  breakdown(@Param('month') month: string): Promise<QualityBreakdownDto> {
    return this.dashboard.breakdown(month);
  }

  @SignedIn()
  @Get('dashboard/items/:month')
  items(@Param('month') month: string): Promise<ItemMonthDto[]> {
    return this.dashboard.items(month);
  }

  @SignedIn()
  @Get('dashboard/items/:month/overview')
  itemsOverview(@Param('month') month: string): Promise<ItemsOverviewDto> {
    return this.insights.itemsOverview(month);
  }

  @SignedIn()
  @Get('dashboard/misses/:month')
  misses(@Param('month') month: string): Promise<MissesMonthDto> {
    return this.insights.misses(month);
  }

  @Allow(...TEAM_READERS)
  @Get('dashboard/progress')
  progress(@CurrentActor() actor: Actor, @Query() q: CycleUnitQuery): Promise<ProgressDto> {
    return this.progressService.progress(actor, q);
  }

  @Allow(...TEAM_READERS)
  @Get('dashboard/effect')
  effect(@CurrentActor() actor: Actor, @Query() q: EffectQuery): Promise<EffectDto> {
    return this.effectService.effect(actor, q);
  }

  /** The group leader or the service section sends an unimproved change back to its unit's queue. */
  @Allow(Role.GroupLeader, Role.ServiceSection)
  @Post('dashboard/effect/:proposalId/send-back')
  @HttpCode(200)
  sendBack(@CurrentActor() actor: Actor, @Param('proposalId', ParseIntPipe) proposalId: number): Promise<SendBackResultDto> {
    return this.effectService.sendBack(actor, proposalId);
  }

  @Allow(Role.ServiceSection, Role.GroupLeader, Role.Auditor, Role.SystemAdmin)
  @Get('dashboard/summary/:month')
  summary(@Param('month') month: string): Promise<MonthlySummaryDto> {
    return this.summaryService.summary(month);
  }

  /** A table the browser shows (a chart's numbers, a dashboard list) written as XLSX; nothing is stored. */
  @SignedIn()
  @Post('exports/xlsx')
  @HttpCode(200)
  @ApiProduces(TABLE_CONTENT_TYPES.xlsx)
  async exportXlsx(@Body() body: TableExportBody, @Res() res: Response): Promise<void> {
    sendFile(res, await tableExport(body, 'xlsx'));
  }

  /** The same table written as ODS (OpenDocument spreadsheet); nothing is stored. */
  @SignedIn()
  @Post('exports/ods')
  @HttpCode(200)
  @ApiProduces(TABLE_CONTENT_TYPES.ods)
  async exportOds(@Body() body: TableExportBody, @Res() res: Response): Promise<void> {
    sendFile(res, await tableExport(body, 'ods'));
  }
}
