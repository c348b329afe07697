import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from '../org/org.module';
import { RoutingConfigService } from './routing-config.service';
import { TuningController } from './tuning.controller';
import { AppSettingEntity, ImportProfileEntity, RoutingRuleEntity, SynonymEntity } from './tuning.entities';
import { TuningSettingsService } from './tuning-settings.service';

@Module({
  imports: [TypeOrmModule.forFeature([AppSettingEntity, ImportProfileEntity, SynonymEntity, RoutingRuleEntity]), OrgModule],
  controllers: [TuningController],
  providers: [TuningSettingsService, RoutingConfigService],
  exports: [TuningSettingsService, RoutingConfigService],
})
export class TuningModule {}
