import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ItemMonthDto, QualityBreakdownDto, QualityDayDto, QualityDto } from '@tunedesk/contracts';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SignedIn } from '../common/access';
import { DashboardService } from './dashboard.service';

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

/** Chatbot quality: bureau-wide figures with no personal data, readable by everyone signed in. */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @SignedIn()
  @Get('quality')
  quality(@Query() q: QualityQuery): Promise<QualityDto> {
    return this.dashboard.quality(q);
  }

  @SignedIn()
  @Get('quality/:month/days')
  days(@Param('month') month: string, @Query() q: QualityQuery): Promise<QualityDayDto[]> {
    return this.dashboard.days(month, q);
  }

  @SignedIn()
  @Get('quality/:month/breakdown')
  breakdown(@Param('month') month: string): Promise<QualityBreakdownDto> {
    return this.dashboard.breakdown(month);
  }

  @SignedIn()
  @Get('items/:month')
  items(@Param('month') month: string): Promise<ItemMonthDto[]> {
    return this.dashboard.items(month);
  }
}
