import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UnitEntity } from './unit.entity';

@Injectable()
export class UnitsRepository {
  constructor(@InjectRepository(UnitEntity) private readonly repo: Repository<UnitEntity>) {}

  findAll(): Promise<UnitEntity[]> {
    return this.repo.find({ order: { code: 'ASC' } });
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  findByCode(code: string): Promise<UnitEntity | null> {
    return this.repo.findOneBy({ code });
  }
}
