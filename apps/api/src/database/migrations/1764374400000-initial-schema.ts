import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { timestampColumns } from './columns';

export class InitialSchema1764374400000 implements MigrationInterface {
  name = 'InitialSchema1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'unit',
        columns: [
          { name: 'code', type: 'varchar', length: '16', isPrimary: true },
          { name: 'name', type: 'varchar', length: '64', isNullable: false },
          { name: 'kind', type: 'varchar', length: '8', isNullable: false },
          { name: 'parent_code', type: 'varchar', length: '16', isNullable: true },
          { name: 'categories', type: 'varchar', length: '255', isNullable: false, default: "''" },
          { name: 'active', type: 'boolean', isNullable: false, default: true },
          ...timestampColumns(),
        ],
        indices: [new TableIndex({ name: 'uq_unit_name', columnNames: ['name'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'job_run',
        columns: [
          { name: 'id', type: 'varchar', length: '191', isPrimary: true },
          { name: 'name', type: 'varchar', length: '64', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'progress', type: 'int', isNullable: false, default: 0 },
          { name: 'attempts', type: 'int', isNullable: false, default: 0 },
          { name: 'data', type: 'text', isNullable: false },
          { name: 'result', type: 'text', isNullable: true },
          { name: 'error_code', type: 'varchar', length: '64', isNullable: true },
          { name: 'error_message', type: 'text', isNullable: true },
          { name: 'processed_by', type: 'varchar', length: '128', isNullable: true },
          // Stored so that per-day summaries group without dialect date functions.
          { name: 'day', type: 'varchar', length: '10', isNullable: false },
          ...timestampColumns(),
          { name: 'started_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'finished_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_job_run_day', columnNames: ['day'] }),
          new TableIndex({ name: 'ix_job_run_name_status', columnNames: ['name', 'status'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job_run');
    await queryRunner.dropTable('unit');
  }
}
