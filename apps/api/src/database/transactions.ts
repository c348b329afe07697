import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one transaction. TypeORM's better-sqlite3 driver shares a single
 * connection, so two transactions started concurrently would nest into each
 * other; on SQLite they are queued one after the other. MySQL/MariaDB give each
 * transaction its own connection and need no queue.
 */
@Injectable()
export class Transactions {
  private readonly sqliteQueue = new Mutex();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get isMysql(): boolean {
    return this.dataSource.options.type === 'mysql';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.isMysql) return this.dataSource.transaction(work);
    return this.sqliteQueue.runExclusive(() => this.dataSource.transaction(work));
  }
}
