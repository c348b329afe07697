import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DutyYearDto } from '@tunedesk/contracts';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { DutiesService } from './duties.service';

class DutiesYearQuery {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

/** The duties calendar (工作行事曆): every signed-in user reads it; unit rows beyond their own only for the wide roles. */
@ApiTags('duties')
@Controller('duties')
export class DutiesController {
  constructor(private readonly duties: DutiesService) {}

  @SignedIn()
  @Get()
  year(@CurrentActor() actor: Actor, @Query() q: DutiesYearQuery): Promise<DutyYearDto> {
    return this.duties.year(actor, q.year);
  }
}
