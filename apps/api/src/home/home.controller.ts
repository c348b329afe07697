import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HomeDto } from '@tunedesk/contracts';
import { SignedIn } from '../common/access';
import { Actor, CurrentActor } from '../common/actor';
import { HomeService } from './home.service';

/** Anyone signed in reads their own home page; what it holds follows their roles and unit (HomeService scopes it). */
@ApiTags('home')
@Controller('home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @SignedIn()
  @Get()
  get(@CurrentActor() actor: Actor): Promise<HomeDto> {
    return this.home.home(actor);
  }
}
