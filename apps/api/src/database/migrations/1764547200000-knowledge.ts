import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** The question bank: items, alternates as rows, and item versions. */
export class Knowledge1764547200000 implements MigrationInterface {
  name = 'Knowledge1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'kb_item',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'category', type: 'varchar', length: '32', isNullable: false },
          { name: 'question', type: 'varchar', length: '500', isNullable: false },
          { name: 'answer', type: 'text', isNullable: false },
          { name: 'keywords', type: 'varchar', length: '1000', isNullable: false, default: "''" },
          { name: 'owner_unit_code', type: 'varchar', length: '16', isNullable: true },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'effective_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'expiry_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'vendor_updated_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'version', type: 'int', isNullable: false },
          { name: 'created_by', type: 'varchar', length: '64', isNullable: false },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'updated_by', type: 'varchar', length: '64', isNullable: false },
          { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'ix_kb_item_category', columnNames: ['category'] }),
          new TableIndex({ name: 'ix_kb_item_owner', columnNames: ['owner_unit_code'] }),
          new TableIndex({ name: 'ix_kb_item_status', columnNames: ['status'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_kb_item_owner',
            columnNames: ['owner_unit_code'],
            referencedTableName: 'unit',
            referencedColumnNames: ['code'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'kb_alternate',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'item_id', type: 'varchar', length: '32', isNullable: false },
          { name: 'position', type: 'int', isNullable: false },
          { name: 'text', type: 'varchar', length: '500', isNullable: false },
          { name: 'normalized', type: 'varchar', length: '500', isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'ix_kb_alternate_item', columnNames: ['item_id', 'position'] }),
          new TableIndex({ name: 'ix_kb_alternate_normalized', columnNames: ['normalized'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_kb_alternate_item',
            columnNames: ['item_id'],
            referencedTableName: 'kb_item',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'kb_item_version',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'item_id', type: 'varchar', length: '32', isNullable: false },
          { name: 'version', type: 'int', isNullable: false },
          { name: 'source', type: 'varchar', length: '16', isNullable: false },
          { name: 'reason', type: 'varchar', length: '500', isNullable: false },
          { name: 'snapshot', type: 'text', isNullable: false },
          { name: 'changed_by', type: 'varchar', length: '64', isNullable: false },
          { name: 'changed_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [new TableIndex({ name: 'uq_kb_item_version', columnNames: ['item_id', 'version'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_kb_item_version_item',
            columnNames: ['item_id'],
            referencedTableName: 'kb_item',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['kb_item_version', 'kb_alternate', 'kb_item']) await queryRunner.dropTable(table);
  }
}
