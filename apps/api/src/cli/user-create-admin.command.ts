import { HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role } from '@tunedesk/contracts';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { UnitsRepository } from '../org/units.repository';
import { UsersService } from '../org/users.service';
import { CliOutput } from './cli-output';

interface Options {
  json?: boolean;
  unit?: string;
  name?: string;
}

@Command({
  name: 'user:create-admin',
  arguments: '<account>',
  description: 'Create a system administrator and print a one-time initial password (建立系統管理者帳號)',
})
export class UserCreateAdminCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly units: UnitsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run([account]: string[], options: Options): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      await this.dataSource.runMigrations({ transaction: 'each' });
      const units = await this.units.findAll();
      const unit = options.unit
        ? units.find((u) => u.code === options.unit!.toUpperCase())
        : (units.find((u) => u.code === 'IT') ?? units[0]);
      if (!unit)
        throw new DomainError(
          'UNIT_NOT_FOUND',
          options.unit
            ? { 'zh-TW': `找不到單位 ${options.unit}`, en: `No unit ${options.unit}` }
            : { 'zh-TW': '尚無任何單位，請先以 org:import 匯入組織單位', en: 'There are no units yet; run org:import first' },
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      const created = await this.users.create(systemActor('cli'), {
        account,
        displayName: options.name ?? account,
        unitCode: unit.code,
        roles: [Role.SystemAdmin],
      });
      out.result(
        { account: created.account, initialPassword: created.initialPassword },
        [
          `已建立系統管理者 ${created.account}（${unit.name}）。初始密碼只顯示這一次，首次登入時必須變更：`,
          `Created administrator ${created.account} (${unit.code}). The initial password is shown once and must be changed at first login:`,
          '',
          `  ${created.initialPassword}`,
        ].join('\n'),
      );
    } catch (error) {
      out.failure(error);
    }
  }

  @Option({ flags: '--json', description: 'print { "account", "initialPassword" }' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--unit <code>', description: 'the unit of the account (default IT, else the first unit)' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({ flags: '--name <displayName>', description: 'display name (default: the account)' })
  parseName(value: string): string {
    return value;
  }
}
