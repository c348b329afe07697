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

  it('can be undone to empty and applied again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const runner = ds.createQueryRunner();
    expect(await runner.hasTable('unit')).toBe(false);
    await runner.release();
    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.showMigrations()).toBe(false);
  });
});
