import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';
import { UnitEntity } from './unit.entity';
import { UnitsRepository } from './units.repository';

@Module({
  imports: [TypeOrmModule.forFeature([UnitEntity])],
  controllers: [OrgController],
  providers: [OrgService, UnitsRepository],
  exports: [OrgService],
})
export class OrgModule {}
