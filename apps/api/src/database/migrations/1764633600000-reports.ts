import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/** Report imports, their messages, tuning cycles and miss clusters. */
export class Reports1764633600000 implements MigrationInterface {
  name = 'Reports1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // MySQL's TEXT stops at 64 KiB; a cluster's wordings or an import's rejected lines can be larger.
    const big = queryRunner.connection.options.type === 'mysql' ? 'mediumtext' : 'text';
    await queryRunner.createTable(
      new Table({
        name: 'report_import',
        columns: [
          id,
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'kind', type: 'varchar', length: '8', isNullable: false },
          { name: 'file_name', type: 'varchar', length: '255', isNullable: false },
          { name: 'file_path', type: 'varchar', length: '500', isNullable: false },
          { name: 'sha256', type: 'varchar', length: '64', isNullable: false },
          { name: 'encoding', type: 'varchar', length: '16', isNullable: true },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'stage', type: 'varchar', length: '16', isNullable: true },
          { name: 'progress', type: 'int', isNullable: false, default: 0 },
          { name: 'rows_read', type: 'int', isNullable: false, default: 0 },
          { name: 'accepted', type: 'int', isNullable: false, default: 0 },
          { name: 'rejected', type: 'int', isNullable: false, default: 0 },
          { name: 'by_response_type', type: big, isNullable: true },
          { name: 'rejected_lines', type: big, isNullable: true },
          { name: 'error_code', type: 'varchar', length: '64', isNullable: true },
          { name: 'error_message', type: big, isNullable: true },
          { name: 'replaces_import_id', type: 'int', isNullable: true },
          { name: 'cancel_requested', type: 'boolean', isNullable: false, default: false },
          { name: 'created_by', type: 'varchar', length: '64', isNullable: false },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'finished_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_report_import_sha', columnNames: ['sha256'] }),
          new TableIndex({ name: 'ix_report_import_month', columnNames: ['month', 'kind', 'status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_message',
        columns: [
          id,
          { name: 'import_id', type: 'int', isNullable: false },
          { name: 'row_no', type: 'int', isNullable: false },
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'day', type: 'varchar', length: '10', isNullable: true },
          { name: 'asked_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'session_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'channel', type: 'varchar', length: '32', isNullable: true },
          { name: 'question', type: 'varchar', length: '500', isNullable: false },
          { name: 'normalized', type: 'varchar', length: '500', isNullable: false },
          { name: 'response_type', type: 'varchar', length: '16', isNullable: false },
          { name: 'kb_item_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'confidence', type: 'float', isNullable: true },
          { name: 'feedback', type: 'varchar', length: '8', isNullable: true },
          { name: 'handed_off', type: 'boolean', isNullable: false, default: false },
          { name: 'occurrences', type: 'int', isNullable: false, default: 1 },
          { name: 'is_miss', type: 'boolean', isNullable: false, default: false },
        ],
        indices: [
          new TableIndex({ name: 'ix_report_message_import', columnNames: ['import_id', 'is_miss'] }),
          new TableIndex({ name: 'ix_report_message_day', columnNames: ['day'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tuning_cycle',
        columns: [
          id,
          { name: 'kind', type: 'varchar', length: '12', isNullable: false },
          { name: 'month', type: 'varchar', length: '7', isNullable: true },
          { name: 'label', type: 'varchar', length: '64', isNullable: false },
          { name: 'due_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'import_id', type: 'int', isNullable: true },
          { name: 'announced_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'announced_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [new TableIndex({ name: 'uq_tuning_cycle_month', columnNames: ['month'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'miss_cluster',
        columns: [
          id,
          { name: 'cycle_id', type: 'int', isNullable: false },
          { name: 'cluster_no', type: 'int', isNullable: false },
          { name: 'representative', type: 'varchar', length: '500', isNullable: false },
          { name: 'representative_key', type: 'varchar', length: '500', isNullable: false },
          { name: 'size', type: 'int', isNullable: false },
          { name: 'wordings', type: big, isNullable: false },
          { name: 'channels', type: 'varchar', length: '255', isNullable: false },
          { name: 'by_response_type', type: big, isNullable: false },
          { name: 'examples', type: big, isNullable: false },
          { name: 'suggestions', type: big, isNullable: false },
          { name: 'first_seen', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_seen', type: 'datetime', precision: 3, isNullable: true },
          { name: 'previous_cluster_id', type: 'int', isNullable: true },
          { name: 'recurring_months', type: 'int', isNullable: false, default: 1 },
          { name: 'routed_unit_code', type: 'varchar', length: '16', isNullable: true },
          { name: 'routed_reason', type: 'varchar', length: '16', isNullable: false },
          { name: 'assignee_id', type: 'int', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_miss_cluster_cycle', columnNames: ['cycle_id', 'cluster_no'] }),
          new TableIndex({ name: 'ix_miss_cluster_unit', columnNames: ['cycle_id', 'routed_unit_code'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['miss_cluster', 'tuning_cycle', 'report_message', 'report_import']) await queryRunner.dropTable(table);
  }
}
