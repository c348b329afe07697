import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { HomeController } from './home.controller';
import { HomeRepository } from './home.repository';
import { HomeService } from './home.service';

/** The home page (總覽) of each role: one route, read-only, computed from the features' tables. */
@Module({
  imports: [OrgModule],
  controllers: [HomeController],
  providers: [HomeService, HomeRepository],
})
export class HomeModule {}
