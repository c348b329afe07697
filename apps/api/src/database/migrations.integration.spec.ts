import { DataSource } from 'typeorm';
import { DATABASE_KINDS, TestDatabase } from '../../../../test/support/databases';
import { dataSourceOptions } from './data-source-options';
import { MIGRATIONS } from './migrations';

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
        'kind',
        'name',
        'parent_code',
        'updated_at',
      ]);
    } finally {
      await runner.release();
    }
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
