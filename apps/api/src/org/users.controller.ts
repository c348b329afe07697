import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type InitialPasswordDto, type UserDto } from '@tunedesk/contracts';
import { Allow } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** Who may read people: the bureau-wide roles, and unit heads (their own unit, checked in the service). */
const READERS = [Role.SystemAdmin, Role.GroupLeader, Role.ServiceSection, Role.Auditor, Role.UnitHead] as const;

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Allow(...READERS)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: UserListQueryDto): Promise<UserDto[]> {
    return this.users.list(actor, query);
  }

  @Allow(...READERS)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @Allow(Role.SystemAdmin)
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<InitialPasswordDto & { user: UserDto }> {
    return this.users.create(actor, body);
  }

  @Allow(Role.SystemAdmin)
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }

  @Allow(Role.SystemAdmin)
  @Post(':id/reset-password')
  @HttpCode(200)
  resetPassword(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<InitialPasswordDto> {
    return this.users.resetPassword(actor, id);
  }

  @Allow(Role.SystemAdmin)
  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<UserDto> {
    return this.users.unlock(actor, id);
  }
}
