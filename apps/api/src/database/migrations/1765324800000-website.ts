import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';
import { timestampColumns } from './columns';

/**
 * Website content governance (要點 三、五): the page inventory (format 5), the
 * monthly review forms (附件三) with their rows, the correction tickets, and the
 * history of both, purged together after WEBSITE_RETENTION_DAYS.
 */
export class Website1765324800000 implements MigrationInterface {
  name = 'Website1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'web_page',
        columns: [
          { name: 'page_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'menu_path', type: 'varchar', length: '500', isNullable: false },
          { name: 'title', type: 'varchar', length: '200', isNullable: false },
          { name: 'url', type: 'varchar', length: '1000', isNullable: false },
          { name: 'owner_unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'retired', type: 'boolean', isNullable: false, default: false },
          ...timestampColumns(),
        ],
        indices: [new TableIndex({ name: 'ix_web_page_owner', columnNames: ['owner_unit_code', 'retired'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_web_page_unit',
            columnNames: ['owner_unit_code'],
            referencedTableName: 'unit',
            referencedColumnNames: ['code'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'review_form',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'due_date', type: 'varchar', length: '10', isNullable: false },
          { name: 'reviewer_by', type: 'int', isNullable: true },
          { name: 'reviewer_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'head_by', type: 'int', isNullable: true },
          { name: 'head_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'head_approved', type: 'boolean', isNullable: true },
          { name: 'head_note', type: 'varchar', length: '500', isNullable: true },
          { name: 'approved_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'filed_by', type: 'int', isNullable: true },
          { name: 'filed_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'completed_by', type: 'int', isNullable: true },
          { name: 'completed_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'reminded_on', type: 'varchar', length: '10', isNullable: true },
          ...timestampColumns(),
        ],
        uniques: [new TableUnique({ name: 'uq_review_form_unit_month', columnNames: ['unit_code', 'month'] })],
        indices: [
          new TableIndex({ name: 'ix_review_form_month', columnNames: ['month'] }),
          new TableIndex({ name: 'ix_review_form_created', columnNames: ['created_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_review_form_unit',
            columnNames: ['unit_code'],
            referencedTableName: 'unit',
            referencedColumnNames: ['code'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'review_row',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'form_id', type: 'int', isNullable: false },
          { name: 'page_id', type: 'varchar', length: '32', isNullable: false },
          { name: 'menu_path', type: 'varchar', length: '500', isNullable: false },
          { name: 'title', type: 'varchar', length: '200', isNullable: false },
          { name: 'url', type: 'varchar', length: '1000', isNullable: false },
          { name: 'result', type: 'varchar', length: '16', isNullable: true },
          { name: 'fix_kind', type: 'varchar', length: '16', isNullable: true },
          { name: 'fix_note', type: 'varchar', length: '1000', isNullable: true },
          { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        uniques: [new TableUnique({ name: 'uq_review_row_form_page', columnNames: ['form_id', 'page_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_review_row_form',
            columnNames: ['form_id'],
            referencedTableName: 'review_form',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            name: 'fk_review_row_page',
            columnNames: ['page_id'],
            referencedTableName: 'web_page',
            referencedColumnNames: ['page_id'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'web_correction',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'form_id', type: 'int', isNullable: false },
          { name: 'row_id', type: 'int', isNullable: false },
          { name: 'page_id', type: 'varchar', length: '32', isNullable: false },
          { name: 'kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'section_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'what', type: 'varchar', length: '1000', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'opened_by', type: 'int', isNullable: false },
          { name: 'opened_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'done_by', type: 'int', isNullable: true },
          { name: 'done_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'done_note', type: 'varchar', length: '500', isNullable: true },
          { name: 'rechecked_by', type: 'int', isNullable: true },
          { name: 'rechecked_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'recheck_ok', type: 'boolean', isNullable: true },
          { name: 'recheck_note', type: 'varchar', length: '500', isNullable: true },
          { name: 'published_by', type: 'int', isNullable: true },
          { name: 'published_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'published_note', type: 'varchar', length: '500', isNullable: true },
          ...timestampColumns(),
        ],
        indices: [
          new TableIndex({ name: 'ix_web_correction_form', columnNames: ['form_id'] }),
          new TableIndex({ name: 'ix_web_correction_status', columnNames: ['status', 'section_code'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_web_correction_form',
            columnNames: ['form_id'],
            referencedTableName: 'review_form',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            name: 'fk_web_correction_row',
            columnNames: ['row_id'],
            referencedTableName: 'review_row',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'review_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'form_id', type: 'int', isNullable: false },
          { name: 'correction_id', type: 'int', isNullable: true },
          { name: 'action', type: 'varchar', length: '32', isNullable: false },
          { name: 'by_id', type: 'int', isNullable: false },
          { name: 'at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_review_event_form',
            columnNames: ['form_id'],
            referencedTableName: 'review_form',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [new TableIndex({ name: 'ix_review_event_form', columnNames: ['form_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['review_event', 'web_correction', 'review_row', 'review_form', 'web_page']) await queryRunner.dropTable(table);
  }
}
