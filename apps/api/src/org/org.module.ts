import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { PasswordService } from '../auth/password.service';
import { SessionEntity } from '../auth/session.entity';
import { SessionsRepository } from '../auth/sessions.repository';
import { DisableInactiveProcessor } from './disable-inactive.processor';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';
import { UnitEntity } from './unit.entity';
import { UnitsRepository } from './units.repository';
import { PasswordHistoryEntity, UserEntity, UserRoleEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * Units and people. The password and session stores live in auth/ but are
 * provided here, because creating, resetting and disabling accounts uses them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([UnitEntity, UserEntity, UserRoleEntity, PasswordHistoryEntity, SessionEntity])],
  controllers: [OrgController, UsersController],
  providers: [
    OrgService,
    UnitsRepository,
    UsersRepository,
    UsersService,
    PasswordHasher,
    PasswordService,
    SessionsRepository,
    DisableInactiveProcessor,
  ],
  exports: [OrgService, UsersService, UnitsRepository, UsersRepository, PasswordHasher, PasswordService, SessionsRepository],
})
export class OrgModule {}
