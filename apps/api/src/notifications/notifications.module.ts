import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationEntity } from '../tuning/tuning.entities';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { MailOutbox } from './mail-outbox.service';
import { OrgModule } from '../org/org.module';
import { UnitEntity } from '../org/unit.entity';
import { TuningCycleEntity } from '../reports/report.entities';

@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity, UnitEntity, TuningCycleEntity]), OrgModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, MailOutbox],
  exports: [NotificationsService, MailOutbox],
})
export class NotificationsModule {}
