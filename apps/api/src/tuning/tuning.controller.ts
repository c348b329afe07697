import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Role,
  type ImportProfileDto,
  type ReportFieldDto,
  type RoutingRuleDto,
  type RoutingTestDto,
  type SynonymDto,
} from '@tunedesk/contracts';
import { Allow } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { ImportProfileBody, RoutingRuleBody, RoutingTestBody, SynonymBody } from './dto';
import { RoutingConfigService } from './routing-config.service';
import { TuningSettingsService } from './tuning-settings.service';

const READERS = [Role.ServiceSection, Role.SystemAdmin, Role.GroupLeader] as const;
const EDITORS = [Role.ServiceSection, Role.SystemAdmin] as const;

/** Import profiles, synonyms and keyword routing rules: the service section and the administrator edit; the group leader reads. */
@ApiTags('tuning')
@Controller('tuning')
export class TuningController {
  constructor(
    private readonly settings: TuningSettingsService,
    private readonly routing: RoutingConfigService,
  ) {}

  @Allow(...READERS)
  @Get('report-fields')
  reportFields(): ReportFieldDto[] {
    return this.settings.reportFields();
  }

  @Allow(...READERS)
  @Get('import-profiles')
  profiles(): Promise<ImportProfileDto[]> {
    return this.settings.listProfiles();
  }

  @Allow(...EDITORS)
  @Post('import-profiles')
  createProfile(@CurrentActor() actor: Actor, @Body() body: ImportProfileBody): Promise<ImportProfileDto> {
    return this.settings.createProfile(actor, body);
  }

  @Allow(...EDITORS)
  @Put('import-profiles/:id')
  updateProfile(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ImportProfileBody,
  ): Promise<ImportProfileDto> {
    return this.settings.updateProfile(actor, id, body);
  }

  @Allow(...EDITORS)
  @Delete('import-profiles/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteProfile(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.settings.deleteProfile(actor, id);
  }

  @Allow(...READERS)
  @Get('synonyms')
  synonyms(): Promise<SynonymDto[]> {
    return this.settings.listSynonyms();
  }

  @Allow(...EDITORS)
  @Post('synonyms')
  createSynonym(@CurrentActor() actor: Actor, @Body() body: SynonymBody): Promise<SynonymDto> {
    return this.settings.createSynonym(actor, body);
  }

  @Allow(...EDITORS)
  @Put('synonyms/:id')
  updateSynonym(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: SynonymBody): Promise<SynonymDto> {
    return this.settings.updateSynonym(actor, id, body);
  }

  @Allow(...EDITORS)
  @Delete('synonyms/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteSynonym(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.settings.deleteSynonym(actor, id);
  }

  @Allow(...READERS)
  @Get('routing-rules')
  rules(): Promise<RoutingRuleDto[]> {
    return this.settings.listRules();
  }

  @Allow(...EDITORS)
  @Post('routing-rules')
  createRule(@CurrentActor() actor: Actor, @Body() body: RoutingRuleBody): Promise<RoutingRuleDto> {
    return this.settings.createRule(actor, body);
  }

  /** What routing would do with a question no item matched (no side effects). */
  @Allow(...READERS)
  @Post('routing-rules/test')
  @HttpCode(HttpStatus.OK)
  testRule(@Body() body: RoutingTestBody): Promise<RoutingTestDto> {
    return this.routing.test(body.text);
  }

  @Allow(...EDITORS)
  @Put('routing-rules/:id')
  updateRule(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: RoutingRuleBody): Promise<RoutingRuleDto> {
    return this.settings.updateRule(actor, id, body);
  }

  @Allow(...EDITORS)
  @Delete('routing-rules/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteRule(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.settings.deleteRule(actor, id);
  }
}
