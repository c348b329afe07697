import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Dashboards, second part: misses per wording × month (what "did tuning work"
 * follows a cluster by), when a queue item was answered (burndown), and where
 * an unimproved change was sent back.
 */
export class Dashboards1764979200000 implements MigrationInterface {
  name = 'Dashboards1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A month's figures per channel × category × response type: the month charts read a few hundred rows, not every day's.
    await queryRunner.createTable(
      new Table({
        name: 'rollup_month',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'channel', type: 'varchar', length: '32', isNullable: false },
          { name: 'category', type: 'varchar', length: '32', isNullable: false },
          { name: 'response_type', type: 'varchar', length: '16', isNullable: false },
          ...['messages', 'rated', 'satisfied', 'handed_off'].map((name) => ({ name, type: 'int', isNullable: false, default: 0 })),
        ],
        indices: [new TableIndex({ name: 'ix_rollup_month', columnNames: ['month', 'channel', 'category'] })],
      }),
    );
    await queryRunner.query(
      `INSERT INTO rollup_month (month, channel, category, response_type, messages, rated, satisfied, handed_off)
       SELECT month, channel, category, response_type, SUM(messages), SUM(rated), SUM(satisfied), SUM(handed_off)
       FROM rollup_day GROUP BY month, channel, category, response_type`,
    );
    await queryRunner.createTable(
      new Table({
        name: 'rollup_miss',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'wording_key', type: 'varchar', length: '500', isNullable: false },
          { name: 'misses', type: 'int', isNullable: false, default: 0 },
        ],
        indices: [
          new TableIndex({ name: 'ix_rollup_miss_month', columnNames: ['month'] }),
          new TableIndex({ name: 'ix_rollup_miss_wording', columnNames: ['wording_key', 'month'] }),
        ],
      }),
    );
    for (const table of ['miss_cluster', 'review_item'])
      await queryRunner.addColumn(table, new TableColumn({ name: 'answered_at', type: 'datetime', precision: 3, isNullable: true }));
    // Items answered before this column existed: the claim (or review) time is the closest record there is.
    await queryRunner.query(`UPDATE miss_cluster SET answered_at = claimed_at WHERE queue_status IN ('proposed', 'closed')`);
    await queryRunner.query(
      `UPDATE review_item SET answered_at = COALESCE(done_at, claimed_at) WHERE queue_status IN ('proposed', 'closed') OR status = 'done'`,
    );
    await queryRunner.addColumns('proposal', [
      new TableColumn({ name: 'sent_back_kind', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'sent_back_id', type: 'int', isNullable: true }),
      new TableColumn({ name: 'sent_back_at', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'sent_back_by', type: 'varchar', length: '64', isNullable: true }),
    ]);
    // Rollups of months imported before this table existed.
    await queryRunner.query(
      `INSERT INTO rollup_miss (month, wording_key, misses)
       SELECT r.month, REPLACE(r.normalized, ' ', ''), SUM(r.occurrences) FROM report_message r
       JOIN report_import i ON i.id = r.import_id AND i.status = 'completed' AND i.kind = 'log'
       WHERE r.is_miss = 1 GROUP BY r.month, REPLACE(r.normalized, ' ', '')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of ['sent_back_by', 'sent_back_at', 'sent_back_id', 'sent_back_kind']) await queryRunner.dropColumn('proposal', c);
    for (const table of ['review_item', 'miss_cluster']) await queryRunner.dropColumn(table, 'answered_at');
    await queryRunner.dropTable('rollup_miss');
    await queryRunner.dropTable('rollup_month');
  }
}
