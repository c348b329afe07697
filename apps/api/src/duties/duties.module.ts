import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CalendarModule } from '../calendar/calendar.module';
import { DutiesController } from './duties.controller';
import { DutiesService } from './duties.service';
import { LinkCheckProcessor } from './link-check.processor';
import { LinkChecker } from './link-checker';

/** The duties calendar (工作行事曆) and the link check the website review uses. */
@Module({
  imports: [DiscoveryModule, CalendarModule],
  controllers: [DutiesController],
  providers: [DutiesService, LinkChecker, LinkCheckProcessor],
  exports: [DutiesService, LinkChecker],
})
export class DutiesModule {}
