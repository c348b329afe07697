import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { AccountRequestEntity } from './account-request.entity';
import { AccountRequestsController } from './account-requests.controller';
import { AccountRequestsRepository } from './account-requests.repository';
import { AccountRequestsService } from './account-requests.service';
import { ApplyDueAccountRequestsProcessor } from './apply-due.processor';

@Module({
  imports: [TypeOrmModule.forFeature([AccountRequestEntity]), OrgModule, NotificationsModule],
  controllers: [AccountRequestsController],
  providers: [AccountRequestsRepository, AccountRequestsService, ApplyDueAccountRequestsProcessor],
  exports: [AccountRequestsService],
})
export class AccountRequestsModule {}
