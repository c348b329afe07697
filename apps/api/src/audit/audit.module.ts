import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditAnchorEntity, AuditEventEntity } from './audit-event.entity';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditPurgeProcessor } from './audit-purge.processor';

/** Global: every feature records into the one trail. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity, AuditAnchorEntity])],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditPurgeProcessor],
  exports: [AuditService],
})
export class AuditModule {}
