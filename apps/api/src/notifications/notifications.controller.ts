import { Controller, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NotificationListDto } from '@tunedesk/contracts';
import { SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { NotificationsService } from './notifications.service';

/** Everyone signed in reads and clears their own notifications, nobody else's. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @SignedIn()
  @Get()
  list(@CurrentActor() actor: Actor): Promise<NotificationListDto> {
    return this.notifications.list(actor);
  }

  @SignedIn()
  @Post('read-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  readAll(@CurrentActor() actor: Actor): Promise<void> {
    return this.notifications.markAllRead(actor);
  }

  @SignedIn()
  @Post(':id/read')
  @HttpCode(HttpStatus.NO_CONTENT)
  read(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.notifications.markRead(actor, id);
  }
}
