import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { GENESIS_HASH } from '@tunedesk/domain';
import { timestampColumns } from './columns';

/** Users and roles, sessions, password history, the audit trail and account requests (附件四). */
export class AccountsAudit1764460800000 implements MigrationInterface {
  name = 'AccountsAudit1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'app_user',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'account', type: 'varchar', length: '64', isNullable: false },
          { name: 'display_name', type: 'varchar', length: '64', isNullable: false },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'extension', type: 'varchar', length: '16', isNullable: true },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'active', type: 'boolean', isNullable: false, default: true },
          { name: 'disabled_reason', type: 'varchar', length: '64', isNullable: true },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: false },
          { name: 'password_changed_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'password_change_reason', type: 'varchar', length: '16', isNullable: true },
          { name: 'failed_logins', type: 'int', isNullable: false, default: 0 },
          { name: 'locked_until', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_login_at', type: 'datetime', precision: 3, isNullable: true },
          ...timestampColumns(),
        ],
        indices: [
          new TableIndex({ name: 'uq_app_user_account', columnNames: ['account'], isUnique: true }),
          new TableIndex({ name: 'ix_app_user_unit', columnNames: ['unit_code'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_app_user_unit',
            columnNames: ['unit_code'],
            referencedTableName: 'unit',
            referencedColumnNames: ['code'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'user_role',
        columns: [
          { name: 'user_id', type: 'int', isPrimary: true },
          { name: 'role', type: 'varchar', length: '32', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'ix_user_role_role', columnNames: ['role'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_user_role_user',
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'password_history',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'user_id', type: 'int', isNullable: false },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: false },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [new TableIndex({ name: 'ix_password_history_user', columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_password_history_user',
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'user_session',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'public_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'user_id', type: 'int', isNullable: false },
          { name: 'csrf_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'last_seen_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'expires_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'ended_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'end_reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'client_ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'user_agent', type: 'varchar', length: '255', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'uq_user_session_public', columnNames: ['public_id'], isUnique: true }),
          new TableIndex({ name: 'ix_user_session_user', columnNames: ['user_id', 'ended_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_user_session_user',
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'occurred_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'actor_id', type: 'int', isNullable: true },
          { name: 'actor_account', type: 'varchar', length: '64', isNullable: true },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: true },
          { name: 'action', type: 'varchar', length: '48', isNullable: false },
          { name: 'target_type', type: 'varchar', length: '32', isNullable: true },
          { name: 'target_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'changes', type: 'text', isNullable: true },
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'client_ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'previous_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'hash', type: 'varchar', length: '64', isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_event_time', columnNames: ['occurred_at'] }),
          new TableIndex({ name: 'ix_audit_event_action', columnNames: ['action', 'occurred_at'] }),
          new TableIndex({ name: 'ix_audit_event_actor', columnNames: ['actor_account', 'occurred_at'] }),
          new TableIndex({ name: 'ix_audit_event_target', columnNames: ['target_type', 'target_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_anchor',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'purged_through_id', type: 'int', isNullable: false, default: 0 },
          { name: 'purged_through_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'head_id', type: 'int', isNullable: false, default: 0 },
          { name: 'head_hash', type: 'varchar', length: '64', isNullable: false },
        ],
      }),
    );
    // Plain SQL: the entity's property names must not leak into a migration.
    await queryRunner.query(
      'INSERT INTO audit_anchor (id, purged_through_id, purged_through_hash, head_id, head_hash) VALUES (?, ?, ?, ?, ?)',
      [1, 0, GENESIS_HASH, 0, GENESIS_HASH],
    );
    await queryRunner.createTable(
      new Table({
        name: 'account_request',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'account', type: 'varchar', length: '64', isNullable: false },
          { name: 'subject_user_id', type: 'int', isNullable: true },
          { name: 'display_name', type: 'varchar', length: '64', isNullable: true },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'extension', type: 'varchar', length: '16', isNullable: true },
          { name: 'unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'approver_unit_code', type: 'varchar', length: '16', isNullable: false },
          { name: 'requested_roles', type: 'varchar', length: '255', isNullable: false, default: "''" },
          { name: 'reason', type: 'varchar', length: '16', isNullable: false },
          { name: 'reason_note', type: 'varchar', length: '255', isNullable: true },
          { name: 'effective_date', type: 'varchar', length: '10', isNullable: false },
          { name: 'filed_by_id', type: 'int', isNullable: false },
          { name: 'filed_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'decided_by_id', type: 'int', isNullable: true },
          { name: 'decided_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'decision_comment', type: 'varchar', length: '500', isNullable: true },
          { name: 'accepted_by_id', type: 'int', isNullable: true },
          { name: 'accepted_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'accept_comment', type: 'varchar', length: '500', isNullable: true },
          { name: 'completed_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'completion_outcome', type: 'varchar', length: '255', isNullable: true },
          ...timestampColumns(),
        ],
        indices: [
          new TableIndex({ name: 'ix_account_request_status', columnNames: ['status', 'effective_date'] }),
          new TableIndex({ name: 'ix_account_request_unit', columnNames: ['unit_code'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_account_request_unit',
            columnNames: ['unit_code'],
            referencedTableName: 'unit',
            referencedColumnNames: ['code'],
          }),
          new TableForeignKey({
            name: 'fk_account_request_filer',
            columnNames: ['filed_by_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['account_request', 'audit_anchor', 'audit_event', 'user_session', 'password_history', 'user_role', 'app_user']) {
      await queryRunner.dropTable(table);
    }
  }
}
