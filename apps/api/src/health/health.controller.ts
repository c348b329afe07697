import { Controller, Get, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HealthReport } from '@tunedesk/contracts';
import type { Response } from 'express';
import { Public } from '../common/access';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Load balancers and the status page call this: 200 when healthy, 503 naming the failing part. */
  @Public()
  @Get()
  @ApiResponse({ status: 200, description: 'All configured components are up' })
  @ApiResponse({ status: 503, description: 'A component is down; see components[].state' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
