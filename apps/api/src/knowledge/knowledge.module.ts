import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from '../org/org.module';
import { TuningModule } from '../tuning/tuning.module';
import { KbIndexService } from './kb-index.service';
import { KbAlternateEntity, KbItemEntity, KbVersionEntity } from './kb-item.entity';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeRepository } from './knowledge.repository';
import { KnowledgeService } from './knowledge.service';

@Module({
  imports: [TypeOrmModule.forFeature([KbItemEntity, KbAlternateEntity, KbVersionEntity]), OrgModule, TuningModule],
  controllers: [KnowledgeController],
  providers: [KnowledgeRepository, KbIndexService, KnowledgeService],
  exports: [KnowledgeService, KnowledgeRepository],
})
export class KnowledgeModule {}
