import { DataSource } from 'typeorm';
import { DATABASE_KINDS, TestDatabase } from '../../../../test/support/databases';
import { dataSourceOptions } from './data-source-options';
import { MIGRATIONS } from './migrations';

// Every test here runs the whole chain of migrations, each in its own transaction: on
// MariaDB and a busy 2-core machine that passed the 5 s default once (the api
// project's testTimeout in jest.config.ts is not applied: Jest reads it globally only).
jest.setTimeout(60_000);

describe.each(DATABASE_KINDS)('migrations on $kind', ({ create }) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await create();
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('takes an empty database to the latest schema, then has nothing left to do', async () => {
    expect(await ds.showMigrations()).toBe(true);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    expect(await ds.showMigrations()).toBe(false);
    const runner = ds.createQueryRunner();
    try {
      expect(await runner.hasTable('unit')).toBe(true);
      expect(await runner.hasTable('job_run')).toBe(true);
      const unit = await runner.getTable('unit');
      expect(unit?.columns.map((c) => c.name).sort()).toEqual([
        'active',
        'categories',
        'code',
        'created_at',
        'districts',
        'duties',
        'kind',
        'name',
        'parent_code',
        'updated_at',
      ]);
    } finally {
      await runner.release();
    }
  });

  it('gives units that existed before 業務職掌 and 轄區 empty lists, and keeps the rest of the row', async () => {
    // Back to just before the unit columns, whatever migrations came after them.
    const runner = ds.createQueryRunner();
    try {
      while ((await runner.getTable('unit'))?.findColumnByName('duties')) await ds.undoLastMigration({ transaction: 'each' });
    } finally {
      await runner.release();
    }
    // Plain SQL: the entity already knows the new columns, the table does not yet.
    await ds.query(
      `INSERT INTO unit (code, name, kind, parent_code, categories, active, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, 1, ?, ?)`,
      ['HT', '房屋稅科', '科', '房屋稅、契稅', '2026-01-05 00:00:00.000', '2026-01-05 00:00:00.000'],
    );
    await ds.runMigrations({ transaction: 'each' });
    const rows: Record<string, unknown>[] = await ds.query('SELECT code, name, categories, duties, districts FROM unit');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ code: 'HT', name: '房屋稅科', categories: '房屋稅、契稅', duties: '', districts: '' });
    await ds.query('DELETE FROM unit');
  });

  it("turns a cluster's channels into text, repairs lists cut at 255 characters, and undoes to whole names that fit", async () => {
    const channels = Array.from({ length: 12 }, (_, i) => `Vendor-Channel-${String(i).padStart(2, '0')}-${'渠'.repeat(14)}`);
    const cut = JSON.stringify(channels).slice(0, 255);
    expect(() => JSON.parse(cut)).toThrow();
    // Migrations after this one are undone first (and applied again with it), so it is the last applied.
    const position = ds.migrations.findIndex((m) => m.name === 'ClusterChannelsText1765238400000');
    expect(position).toBeGreaterThan(0);
    const undoThrough = async () => {
      for (let i = ds.migrations.length - 1; i >= position; i--) await ds.undoLastMigration({ transaction: 'each' });
    };
    await undoThrough();
    const insert = (id: number, list: string) =>
      ds.query(
        `INSERT INTO miss_cluster (id, cycle_id, cluster_no, representative, representative_key, size, wordings, channels, by_response_type, examples, suggestions, routed_reason)
         VALUES (?, 1, ?, 'q', 'q', 1, '[]', ?, '{}', '[]', '[]', 'triage')`,
        [id, id, list],
      );
    // As the old code stored it: the JSON cut to the column.
    await insert(1, cut);
    await insert(2, '["官網","LINE"]');
    await ds.runMigrations({ transaction: 'each' });
    const read = async () =>
      new Map(
        ((await ds.query('SELECT id, channels FROM miss_cluster ORDER BY id')) as { id: number; channels: string }[]).map((r) => [
          Number(r.id),
          r.channels,
        ]),
      );
    let rows = await read();
    const repaired = JSON.parse(rows.get(1)!) as string[];
    expect(repaired).toEqual(channels.slice(0, repaired.length));
    expect(repaired.length).toBe(cut.split('","').length - 1);
    expect(JSON.parse(rows.get(2)!)).toEqual(['官網', 'LINE']);
    // Now the whole list fits, however long.
    const long = Array.from({ length: 64 }, (_, i) => `Vendor-Channel-${String(i).padStart(2, '0')}-${'x'.repeat(14)}`);
    await insert(3, JSON.stringify(long));
    expect(JSON.parse((await read()).get(3)!)).toEqual(long);
    // Undone: each list keeps the whole names that fit the old column, as valid JSON.
    await undoThrough();
    rows = await read();
    const kept = JSON.parse(rows.get(3)!) as string[];
    expect(rows.get(3)!.length).toBeLessThanOrEqual(255);
    expect(kept).toEqual(long.slice(0, kept.length));
    expect(JSON.stringify(long.slice(0, kept.length + 1)).length).toBeGreaterThan(255);
    await ds.query('DELETE FROM miss_cluster');
    await ds.runMigrations({ transaction: 'each' });
  });

  it('can be undone to empty and applied again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const runner = ds.createQueryRunner();
    expect(await runner.hasTable('unit')).toBe(false);
    await runner.release();
    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.showMigrations()).toBe(false);
  });
});
