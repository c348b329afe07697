import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Clusters by intent: each cluster keeps how sure the grouping is (`confidence`,
 * 0–1) and on what it rests (`basis`: item — its wordings were confidently
 * matched to one item; topic — a new topic grouped by similarity).
 *
 * The shipped synonyms and keyword rules were rewritten with their sources
 * (apps/api/src/tuning/default-tuning.ts): rows still as shipped (note 系統預設,
 * never edited) are removed and the marks cleared, so the next start applies the
 * new defaults. Rows a bureau added or edited stay.
 */
export class Matching1765152000000 implements MigrationInterface {
  name = 'Matching1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('miss_cluster', [
      new TableColumn({ name: 'confidence', type: 'float', isNullable: true }),
      new TableColumn({ name: 'basis', type: 'varchar', length: '8', isNullable: true }),
    ]);
    await queryRunner.query(`DELETE FROM synonym WHERE note = '系統預設' AND updated_by = 'system'`);
    await queryRunner.query(`DELETE FROM routing_rule WHERE note = '系統預設' AND updated_by = 'system'`);
    await queryRunner.query(`DELETE FROM app_setting WHERE name IN ('defaults.synonyms', 'defaults.routing-rules')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of ['basis', 'confidence']) await queryRunner.dropColumn('miss_cluster', c);
  }
}
