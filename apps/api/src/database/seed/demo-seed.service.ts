import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OrgService } from '../../org/org.service';

/**
 * Fills an empty database with the sample organisation so a new user meets a
 * living system. Each feature adds its part here; nothing runs when data exists.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly org: OrgService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    if ((await this.org.listUnits()).length > 0) return;
    await this.seed();
  }

  async seed(): Promise<void> {
    const dir = resolve(this.config.seedDataDir);
    const file = join(dir, 'sections.csv');
    const summary = await this.org.importUnits(await readFile(file), 'sections.csv');
    this.logger.log({ units: summary.created }, 'Demo organisation seeded');
  }
}
