import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role, type UnitDto } from '@tunedesk/contracts';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { OrgService } from './org.service';

@ApiTags('org')
@Controller('units')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  /** Every signed-in user needs the unit list (names, owners of categories). */
  @SignedIn()
  @Get()
  @ApiOkResponse({ description: 'Sections, offices and branches, by code' })
  list(): Promise<UnitDto[]> {
    return this.org.listUnits();
  }

  @SignedIn()
  @Get(':code')
  get(@Param('code') code: string): Promise<UnitDto> {
    return this.org.getUnit(code);
  }

  @Allow(Role.SystemAdmin)
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateUnitDto): Promise<UnitDto> {
    return this.org.createUnit(actor, body);
  }

  @Allow(Role.SystemAdmin)
  @Patch(':code')
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: UpdateUnitDto): Promise<UnitDto> {
    return this.org.updateUnit(actor, code, body);
  }

  @Allow(Role.SystemAdmin)
  @Delete(':code')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<void> {
    return this.org.deleteUnit(actor, code);
  }
}
