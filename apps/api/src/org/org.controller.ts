import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { UnitDto } from '@tunedesk/contracts';
import { Public } from '../common/access';
import { OrgService } from './org.service';

@ApiTags('org')
@Controller('units')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  // Readable by everyone until the accounts issue adds sessions and roles.
  @Public()
  @Get()
  @ApiOkResponse({ description: 'Sections, offices and branches, by code' })
  list(): Promise<UnitDto[]> {
    return this.org.listUnits();
  }
}
