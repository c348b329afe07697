import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Role,
  type BulkQueueResultDto,
  type ProposalDto,
  type ProposalListDto,
  type ProposalListStateDto,
  type ProposalWarning,
  type QueueCyclesDto,
  type QueueItemDetailDto,
  type QueueItemDto,
  type QueueItemKind,
} from '@tunedesk/contracts';
import { Allow, SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import {
  BulkBody,
  CloseBody,
  MergeBody,
  ProposalBody,
  QueueCyclesQueryDto,
  QueueQueryDto,
  ReassignBody,
  ReturnBody,
  SplitBody,
} from './dto';
import { ProposalsService } from './proposals.service';
import { QueueService } from './queue.service';

const WORKERS = [Role.KnowledgeContact, Role.GroupLeader] as const;

function kindOf(value: string): QueueItemKind {
  if (value === 'cluster' || value === 'review') return value;
  throw new DomainError('VALIDATION_FAILED', { 'zh-TW': '項目種類須為 cluster 或 review', en: 'kind must be cluster or review' }, 400, [
    { field: 'kind', reason: 'cluster or review' },
  ]);
}

/** Queues: everyone signed in reads what their unit may see; contacts and the group leader work them. */
@ApiTags('queue')
@Controller()
export class ProposalsController {
  constructor(
    private readonly queue: QueueService,
    private readonly proposals: ProposalsService,
  ) {}

  @SignedIn()
  @Get('queue')
  list(@CurrentActor() actor: Actor, @Query() q: QueueQueryDto): Promise<QueueItemDto[]> {
    return this.queue.list(actor, q);
  }

  /** The queue's cycle picker and the cycle it starts on; a month not announced yet only for the service section and the group leader. */
  @SignedIn()
  @Get('queue/cycles')
  cycles(@CurrentActor() actor: Actor, @Query() q: QueueCyclesQueryDto): Promise<QueueCyclesDto> {
    return this.queue.cycleChoices(actor, q.unit);
  }

  @Allow(...WORKERS)
  @Post('queue/bulk')
  @HttpCode(HttpStatus.OK)
  bulk(@CurrentActor() actor: Actor, @Body() body: BulkBody): Promise<BulkQueueResultDto> {
    return this.queue.bulk(actor, body);
  }

  @SignedIn()
  @Get('queue/:kind/:id')
  async get(@CurrentActor() actor: Actor, @Param('kind') kind: string, @Param('id', ParseIntPipe) id: number): Promise<QueueItemDetailDto> {
    const detail = await this.queue.get(actor, kindOf(kind), id);
    // Whether a proposal from here can still go on the user's list: said before the work starts, not at 儲存草稿.
    return { ...detail, listState: await this.proposals.listState(actor, detail.cycleId) };
  }

  @Allow(...WORKERS)
  @Post('queue/:kind/:id/claim')
  @HttpCode(HttpStatus.OK)
  claim(@CurrentActor() actor: Actor, @Param('kind') kind: string, @Param('id', ParseIntPipe) id: number): Promise<QueueItemDto> {
    return this.queue.claim(actor, kindOf(kind), id);
  }

  @Allow(...WORKERS)
  @Post('queue/:kind/:id/release')
  @HttpCode(HttpStatus.OK)
  release(@CurrentActor() actor: Actor, @Param('kind') kind: string, @Param('id', ParseIntPipe) id: number): Promise<QueueItemDto> {
    return this.queue.release(actor, kindOf(kind), id);
  }

  @Allow(...WORKERS)
  @Post('queue/:kind/:id/close')
  @HttpCode(HttpStatus.OK)
  close(
    @CurrentActor() actor: Actor,
    @Param('kind') kind: string,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CloseBody,
  ): Promise<QueueItemDto> {
    return this.queue.close(actor, kindOf(kind), id, body.reason, body.note ?? null);
  }

  @Allow(...WORKERS)
  @Post('queue/:kind/:id/reassign')
  @HttpCode(HttpStatus.OK)
  reassign(
    @CurrentActor() actor: Actor,
    @Param('kind') kind: string,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReassignBody,
  ): Promise<QueueItemDto> {
    return this.queue.reassign(actor, kindOf(kind), id, body.unitCode, body.reason);
  }

  @Allow(...WORKERS)
  @Post('queue/cluster/:id/merge')
  @HttpCode(HttpStatus.OK)
  merge(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: MergeBody): Promise<QueueItemDto> {
    return this.queue.merge(actor, id, body.intoId);
  }

  /** Moves the given wordings out into a new cluster of the same queue; answers the new cluster. */
  @Allow(...WORKERS)
  @Post('queue/cluster/:id/split')
  @HttpCode(HttpStatus.OK)
  split(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: SplitBody): Promise<QueueItemDto> {
    return this.queue.split(actor, id, body.wordings);
  }

  @Allow(...WORKERS)
  @Post('proposals')
  create(@CurrentActor() actor: Actor, @Body() body: ProposalBody): Promise<ProposalDto> {
    return this.proposals.create(actor, body);
  }

  /** The warnings a draft would get, before it is saved. */
  @Allow(...WORKERS)
  @Post('proposals/warnings')
  @HttpCode(HttpStatus.OK)
  warnings(@Body() body: ProposalBody): Promise<ProposalWarning[]> {
    return this.proposals.warnings(body);
  }

  @SignedIn()
  @Get('proposals/:id')
  getProposal(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ProposalDto> {
    return this.proposals.get(actor, id);
  }

  @Allow(...WORKERS)
  @Put('proposals/:id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: ProposalBody): Promise<ProposalDto> {
    return this.proposals.update(actor, id, body);
  }

  @Allow(Role.KnowledgeContact)
  @Delete('proposals/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.proposals.remove(actor, id);
  }

  @SignedIn()
  @Get('cycles/:id/lists')
  lists(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ProposalListDto[]> {
    return this.proposals.listsOf(actor, id);
  }

  /** The proposer's own unit list of the cycle: open, or closed and where a proposal goes instead (the form asks before the work). */
  @Allow(...WORKERS)
  @Get('cycles/:id/list-state')
  async listState(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ProposalListStateDto> {
    const state = await this.proposals.listState(actor, id);
    if (!state) throw new DomainError('CYCLE_NOT_FOUND', { 'zh-TW': `找不到調校週期 #${id}`, en: `No cycle #${id}` }, HttpStatus.NOT_FOUND);
    return state;
  }

  @SignedIn()
  @Get('cycles/:id/lists/:unit')
  listOf(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Param('unit') unit: string): Promise<ProposalListDto> {
    return this.proposals.list(actor, id, unit.toUpperCase());
  }

  @Allow(Role.KnowledgeContact)
  @Post('cycles/:id/lists/:unit/submit')
  @HttpCode(HttpStatus.OK)
  submit(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Param('unit') unit: string): Promise<ProposalListDto> {
    return this.proposals.submit(actor, id, unit.toUpperCase());
  }

  @Allow(Role.UnitHead)
  @Post('cycles/:id/lists/:unit/approve')
  @HttpCode(HttpStatus.OK)
  approve(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Param('unit') unit: string): Promise<ProposalListDto> {
    return this.proposals.approve(actor, id, unit.toUpperCase());
  }

  @Allow(Role.UnitHead)
  @Post('cycles/:id/lists/:unit/return')
  @HttpCode(HttpStatus.OK)
  returnList(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIntPipe) id: number,
    @Param('unit') unit: string,
    @Body() body: ReturnBody,
  ): Promise<ProposalListDto> {
    return this.proposals.returnList(actor, id, unit.toUpperCase(), body.comments);
  }
}
