import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/** Work state on queue items (clusters, review items), proposals, each unit's list (附件二), the office calendar, reminders and mail. */
export class Proposals1764806400000 implements MigrationInterface {
  name = 'Proposals1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const big = queryRunner.connection.options.type === 'mysql' ? 'mediumtext' : 'text';
    for (const table of ['miss_cluster', 'review_item']) {
      await queryRunner.addColumns(table, [
        new TableColumn({ name: 'queue_status', type: 'varchar', length: '12', isNullable: false, default: "'open'" }),
        new TableColumn({ name: 'claimed_by', type: 'int', isNullable: true }),
        new TableColumn({ name: 'claimed_at', type: 'datetime', precision: 3, isNullable: true }),
        new TableColumn({ name: 'close_reason', type: 'varchar', length: '24', isNullable: true }),
        new TableColumn({ name: 'close_note', type: 'varchar', length: '500', isNullable: true }),
        new TableColumn({ name: 'reassigned_from', type: 'varchar', length: '16', isNullable: true }),
        new TableColumn({ name: 'reassign_reason', type: 'varchar', length: '500', isNullable: true }),
      ]);
    }
    await queryRunner.createTable(
      new Table({
        name: 'proposal',
        columns: [
          id,
          { name: 'cycle_id', type: 'int', isNullable: false },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'kind', type: 'varchar', length: '8', isNullable: false },
          { name: 'kb_item_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'content', type: big, isNullable: true },
          { name: 'reason', type: 'text', isNullable: false },
          { name: 'source_kind', type: 'varchar', length: '8', isNullable: true },
          { name: 'source_id', type: 'int', isNullable: true },
          { name: 'status', type: 'varchar', length: '12', isNullable: false },
          { name: 'return_comment', type: 'varchar', length: '1000', isNullable: true },
          { name: 'defer_reason', type: 'varchar', length: '1000', isNullable: true },
          { name: 'new_item_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'seq', type: 'int', isNullable: true },
          { name: 'applied_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'applied_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'reconcile_note', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '64', isNullable: false },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'ix_proposal_list', columnNames: ['cycle_id', 'unit_code', 'status'] }),
          new TableIndex({ name: 'ix_proposal_item', columnNames: ['kb_item_id', 'status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'proposal_list',
        columns: [
          id,
          { name: 'cycle_id', type: 'int', isNullable: false },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'status', type: 'varchar', length: '12', isNullable: false },
          { name: 'submitted_by', type: 'int', isNullable: true },
          { name: 'submitted_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'approved_by', type: 'int', isNullable: true },
          { name: 'approved_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [new TableIndex({ name: 'ux_proposal_list', columnNames: ['cycle_id', 'unit_code'], isUnique: true })],
      }),
    );
    await queryRunner.addColumn('notification', new TableColumn({ name: 'mailed_at', type: 'datetime', precision: 3, isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'office_day',
        columns: [
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'is_holiday', type: 'boolean', isNullable: false },
          { name: 'note', type: 'varchar', length: '100', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reminder_log',
        columns: [
          id,
          { name: 'cycle_id', type: 'int', isNullable: false },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'day', type: 'varchar', length: '10', isNullable: false },
          { name: 'sent_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [new TableIndex({ name: 'ux_reminder_log', columnNames: ['cycle_id', 'unit_code', 'kind', 'day'], isUnique: true })],
      }),
    );
    await queryRunner.addColumns('tuning_cycle', [
      new TableColumn({ name: 'change_set_sent_at', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'change_set_sent_by', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'closed_at', type: 'datetime', precision: 3, isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of ['change_set_sent_at', 'change_set_sent_by', 'closed_at']) await queryRunner.dropColumn('tuning_cycle', c);
    await queryRunner.dropTable('reminder_log');
    await queryRunner.dropTable('office_day');
    await queryRunner.dropColumn('notification', 'mailed_at');
    await queryRunner.dropTable('proposal_list');
    await queryRunner.dropTable('proposal');
    for (const table of ['miss_cluster', 'review_item'])
      for (const c of ['queue_status', 'claimed_by', 'claimed_at', 'close_reason', 'close_note', 'reassigned_from', 'reassign_reason'])
        await queryRunner.dropColumn(table, c);
  }
}
