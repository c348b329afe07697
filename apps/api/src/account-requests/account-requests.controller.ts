import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type AcceptAccountRequestResult, type AccountRequestDto } from '@tunedesk/contracts';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { AccountRequestsService } from './account-requests.service';
import { CreateAccountRequestDto, DecideAccountRequestDto } from './dto';

@ApiTags('account-requests')
@Controller('account-requests')
export class AccountRequestsController {
  constructor(private readonly requests: AccountRequestsService) {}

  /** Everyone sees what they filed or what concerns them; unit heads their unit's; bureau-wide roles all. */
  @SignedIn()
  @Get()
  list(@CurrentActor() actor: Actor): Promise<AccountRequestDto[]> {
    return this.requests.list(actor);
  }

  @SignedIn()
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<AccountRequestDto> {
    return this.requests.get(actor, id);
  }

  /** Filing for oneself is open to all; for others, the unit head (own unit) or the administrator, checked in the service. */
  @SignedIn()
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateAccountRequestDto): Promise<AccountRequestDto> {
    return this.requests.create(actor, body);
  }

  @Allow(Role.UnitHead)
  @Post(':id/approve')
  @HttpCode(200)
  approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DecideAccountRequestDto,
  ): Promise<AccountRequestDto> {
    return this.requests.decide(actor, id, true, body);
  }

  @Allow(Role.UnitHead)
  @Post(':id/reject')
  @HttpCode(200)
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DecideAccountRequestDto,
  ): Promise<AccountRequestDto> {
    return this.requests.decide(actor, id, false, body);
  }

  @SignedIn()
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<AccountRequestDto> {
    return this.requests.cancel(actor, id);
  }

  @Allow(Role.ServiceSection)
  @Post(':id/accept')
  @HttpCode(200)
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DecideAccountRequestDto,
  ): Promise<AcceptAccountRequestResult> {
    return this.requests.accept(actor, id, body);
  }
}
