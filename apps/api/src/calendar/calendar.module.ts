import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OfficeDayEntity } from '../tuning/tuning.entities';
import { CalendarController } from './calendar.controller';
import { OfficeCalendarProvider } from './office-calendar.provider';

@Module({
  imports: [TypeOrmModule.forFeature([OfficeDayEntity])],
  controllers: [CalendarController],
  providers: [OfficeCalendarProvider],
  exports: [OfficeCalendarProvider],
})
export class CalendarModule {}
