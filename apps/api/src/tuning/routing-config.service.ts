import { Injectable } from '@nestjs/common';
import type { RoutingTestDto } from '@tunedesk/contracts';
import { UnitsRepository } from '../org/units.repository';
import { routeByText, type RoutingConfig } from '@tunedesk/domain';
import { TuningSettingsService } from './tuning-settings.service';

const split = (joined: string | null | undefined) => (joined ? joined.split('、').filter(Boolean) : []);

/** Builds the routing configuration from the database; the cycle builder and the rule tester read the same. */
@Injectable()
export class RoutingConfigService {
  constructor(
    private readonly settings: TuningSettingsService,
    private readonly units: UnitsRepository,
  ) {}

  async config(): Promise<RoutingConfig> {
    const units = (await this.units.findAll())
      .filter((u) => u.active)
      .map((u) => ({
        code: u.code,
        name: u.name,
        kind: u.kind,
        categories: split(u.categories),
        duties: split(u.duties),
        districts: split(u.districts),
      }));
    return { units, rules: await this.settings.routingRules(), folder: (await this.settings.folder()).folder };
  }

  async test(text: string): Promise<RoutingTestDto> {
    const result = routeByText(text, await this.config());
    const names = new Map((await this.units.findAll()).map((u) => [u.code, u.name]));
    if (!result.unitCode) return { text, folded: result.folded, unitCode: null, unitName: null, reason: 'triage', matched: null };
    const found = result as Extract<typeof result, { reason: string }>;
    return {
      text,
      folded: found.folded,
      unitCode: found.unitCode,
      unitName: names.get(found.unitCode) ?? null,
      reason: found.reason,
      matched: found.matched,
    };
  }
}
