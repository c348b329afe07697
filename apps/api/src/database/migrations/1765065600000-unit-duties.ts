import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Format 8's two optional columns: 業務職掌 (what else a unit handles, routing
 * evidence for questions that name no tax) and 轄區 (the districts a branch
 * serves), each a list joined by 、 like categories. Units imported before stay
 * with empty lists until the file is imported again.
 */
export class UnitDuties1765065600000 implements MigrationInterface {
  name = 'UnitDuties1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('unit', [
      new TableColumn({ name: 'duties', type: 'varchar', length: '1000', isNullable: false, default: "''" }),
      new TableColumn({ name: 'districts', type: 'varchar', length: '1000', isNullable: false, default: "''" }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of ['districts', 'duties']) await queryRunner.dropColumn('unit', c);
  }
}
