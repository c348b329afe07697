import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const updated = [
  { name: 'updated_by', type: 'varchar', length: '64', isNullable: false },
  { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
];

/** Import profiles, synonyms, keyword routing rules, review items, notifications and the settings that mark defaults applied. */
export class Tuning1764720000000 implements MigrationInterface {
  name = 'Tuning1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const big = queryRunner.connection.options.type === 'mysql' ? 'mediumtext' : 'text';
    await queryRunner.createTable(
      new Table({
        name: 'app_setting',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'varchar', length: '255', isNullable: false },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_profile',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '100', isNullable: false, isUnique: true },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'aliases', type: big, isNullable: false },
          ...updated,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'synonym',
        columns: [
          id,
          { name: 'term', type: 'varchar', length: '64', isNullable: false, isUnique: true },
          { name: 'variants', type: 'text', isNullable: false },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          ...updated,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'routing_rule',
        columns: [
          id,
          { name: 'keyword', type: 'varchar', length: '64', isNullable: false, isUnique: true },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'overrides_tax_names', type: 'boolean', isNullable: false, default: false },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          ...updated,
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'review_item',
        columns: [
          id,
          { name: 'cycle_id', type: 'int', isNullable: false },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'kb_item_id', type: 'varchar', length: '32', isNullable: false },
          { name: 'reasons', type: 'varchar', length: '100', isNullable: false },
          { name: 'detail', type: 'text', isNullable: false },
          { name: 'status', type: 'varchar', length: '8', isNullable: false },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'done_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'done_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ux_review_item', columnNames: ['cycle_id', 'kb_item_id'], isUnique: true }),
          new TableIndex({ name: 'ix_review_item_unit', columnNames: ['cycle_id', 'unit_code', 'status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification',
        columns: [
          id,
          { name: 'user_id', type: 'int', isNullable: false },
          { name: 'kind', type: 'varchar', length: '32', isNullable: false },
          { name: 'title_zh', type: 'varchar', length: '255', isNullable: false },
          { name: 'title_en', type: 'varchar', length: '255', isNullable: false },
          { name: 'link', type: 'varchar', length: '255', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'read_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_notification_user', columnNames: ['user_id', 'read_at'] })],
      }),
    );
    await queryRunner.addColumn('report_import', new TableColumn({ name: 'profile_id', type: 'int', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('report_import', 'profile_id');
    for (const t of ['notification', 'review_item', 'routing_rule', 'synonym', 'import_profile', 'app_setting'])
      await queryRunner.dropTable(t);
  }
}
