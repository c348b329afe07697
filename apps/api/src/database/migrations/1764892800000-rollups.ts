import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const counts = ['messages', 'rated', 'satisfied', 'handed_off'].map((name) => ({ name, type: 'int', isNullable: false, default: 0 }));

/** Rollups the import maintains for the dashboards: per day × channel × category × response type, sessions, per item × month. */
export class Rollups1764892800000 implements MigrationInterface {
  name = 'Rollups1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rollup_day',
        columns: [
          id,
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'day', type: 'varchar', length: '10', isNullable: false },
          { name: 'channel', type: 'varchar', length: '32', isNullable: false },
          { name: 'category', type: 'varchar', length: '32', isNullable: false },
          { name: 'response_type', type: 'varchar', length: '16', isNullable: false },
          ...counts,
        ],
        indices: [new TableIndex({ name: 'ix_rollup_day_month', columnNames: ['month', 'channel', 'category'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rollup_sessions',
        columns: [
          id,
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          // '*' = the whole month / every channel
          { name: 'day', type: 'varchar', length: '10', isNullable: false },
          { name: 'channel', type: 'varchar', length: '32', isNullable: false },
          { name: 'sessions', type: 'int', isNullable: false },
        ],
        indices: [new TableIndex({ name: 'ix_rollup_sessions', columnNames: ['month', 'day', 'channel'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rollup_item',
        columns: [
          id,
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'kb_item_id', type: 'varchar', length: '32', isNullable: false },
          { name: 'hits', type: 'int', isNullable: false },
          { name: 'rated', type: 'int', isNullable: false },
          { name: 'satisfied', type: 'int', isNullable: false },
        ],
        indices: [new TableIndex({ name: 'ix_rollup_item', columnNames: ['month', 'kb_item_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['rollup_item', 'rollup_sessions', 'rollup_day']) await queryRunner.dropTable(t);
  }
}
