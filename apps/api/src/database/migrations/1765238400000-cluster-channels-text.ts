import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The longest the column held before; `down` keeps as many whole names as fit in it. */
const OLD_LENGTH = 255;

/**
 * A cluster's channels (a JSON list of names) were kept in varchar(255) and the
 * JSON cut to fit: a vendor file with a few long channel names left invalid
 * JSON, and the cluster list failed to read it. The column becomes text (as
 * the other JSON columns), and lists cut before are repaired to the names that
 * were stored whole.
 */
export class ClusterChannelsText1765238400000 implements MigrationInterface {
  name = 'ClusterChannelsText1765238400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await setChannelsType(queryRunner, 'text');
    // A cut list never ends with the closing bracket.
    const rows: { id: number; channels: string }[] = await queryRunner.query(
      `SELECT id, channels FROM miss_cluster WHERE channels NOT LIKE '%]'`,
    );
    for (const row of rows) {
      if (parsesAsList(row.channels)) continue;
      await queryRunner.query('UPDATE miss_cluster SET channels = ? WHERE id = ?', [JSON.stringify(wholeNames(row.channels)), row.id]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: number; channels: string }[] = await queryRunner.query('SELECT id, channels FROM miss_cluster');
    for (const row of rows) {
      if (row.channels.length <= OLD_LENGTH) continue;
      const kept: string[] = [];
      for (const name of JSON.parse(row.channels) as string[]) {
        if (JSON.stringify([...kept, name]).length > OLD_LENGTH) break;
        kept.push(name);
      }
      await queryRunner.query('UPDATE miss_cluster SET channels = ? WHERE id = ?', [JSON.stringify(kept), row.id]);
    }
    await setChannelsType(queryRunner, 'varchar');
  }
}

/**
 * On MySQL/MariaDB in place: TypeORM's changeColumn drops and re-adds a column
 * whose type changes there, losing its values. On SQLite TypeORM copies the table.
 */
async function setChannelsType(queryRunner: QueryRunner, type: 'text' | 'varchar'): Promise<void> {
  if (queryRunner.connection.options.type === 'mysql') {
    const sql = type === 'text' ? 'mediumtext' : `varchar(${OLD_LENGTH})`;
    await queryRunner.query(`ALTER TABLE \`miss_cluster\` MODIFY \`channels\` ${sql} NOT NULL`);
    return;
  }
  const column = type === 'text' ? { type: 'text' } : { type: 'varchar', length: String(OLD_LENGTH) };
  await queryRunner.changeColumn('miss_cluster', 'channels', new TableColumn({ name: 'channels', ...column, isNullable: false }));
}

function parsesAsList(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** The names a cut JSON list still holds whole: `["a","b","c` → ["a","b"]. */
export function wholeNames(cut: string): string[] {
  const names: string[] = [];
  for (const match of cut.matchAll(/"((?:[^"\\]|\\.)*)"(?=\s*[,\]])/g)) {
    try {
      names.push(JSON.parse(`"${match[1]}"`) as string);
    } catch {
      // a name cut inside an escape: not whole
    }
  }
  return names;
}
