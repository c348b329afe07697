import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type CorrectionDto } from '@tunedesk/contracts';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { CorrectionsService } from './corrections.service';
import { CorrectionListQueryDto, NoteDto, RecheckDto } from './dto';

/** Correction tickets: the sections carry them out, the requesting unit re-checks, the web admin confirms publication. */
@ApiTags('website')
@Controller('website/corrections')
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  @SignedIn()
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: CorrectionListQueryDto): Promise<CorrectionDto[]> {
    return this.corrections.list(actor, q);
  }

  /** The ticket's section (service section for content, IT for program), checked in the service. */
  @Allow(Role.ServiceSection, Role.ItSection)
  @Post(':id/done')
  @HttpCode(HttpStatus.OK)
  done(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: NoteDto): Promise<CorrectionDto> {
    return this.corrections.done(actor, id, body.note);
  }

  /** A contact or the head of the requesting unit, checked in the service. */
  @Allow(Role.KnowledgeContact, Role.UnitHead)
  @Post(':id/recheck')
  @HttpCode(HttpStatus.OK)
  recheck(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: RecheckDto): Promise<CorrectionDto> {
    return this.corrections.recheck(actor, id, body.ok, body.note);
  }

  @Allow(Role.ServiceSection)
  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  publish(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: NoteDto): Promise<CorrectionDto> {
    return this.corrections.publish(actor, id, body.note);
  }
}
