import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { MeDto, SessionDto } from '@tunedesk/contracts';
import type { Request, Response } from 'express';
import { Public, SignedIn } from '../common/access';
import { Actor, CurrentActor, CurrentOrigin, RequestOrigin } from '../common/actor';
import { UsersService } from '../org/users.service';
import { AuthService } from './auth.service';
import { clearSessionCookie, setSessionCookies } from './cookies';
import { ChangePasswordDto, LoginDto, UpdateProfileDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Sets the XSRF-TOKEN cookie (the middleware does it for any request); for scripts that start with a POST. */
  @Public()
  @Get('csrf')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The XSRF-TOKEN cookie is set' })
  csrf(): void {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Signed in; the session cookie is set' })
  @ApiUnauthorizedResponse({ description: 'AUTH_FAILED, whatever the cause' })
  async login(
    @Body() body: LoginDto,
    @CurrentOrigin() origin: RequestOrigin,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { token, csrfToken, me } = await this.auth.login(body.account, body.password, origin);
    setSessionCookies(req, res, token, csrfToken);
    return me;
  }

  @SignedIn({ duringPasswordChange: true })
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }

  @SignedIn()
  @Patch('me')
  async updateProfile(@CurrentActor() actor: Actor, @Body() body: UpdateProfileDto): Promise<MeDto> {
    await this.users.updateProfile(actor, body);
    return this.auth.me(actor);
  }

  @SignedIn({ duringPasswordChange: true })
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<MeDto> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword);
  }

  @SignedIn({ duringPasswordChange: true })
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(actor);
    clearSessionCookie(res);
  }

  @SignedIn({ duringPasswordChange: true })
  @Get('sessions')
  sessions(@CurrentActor() actor: Actor): Promise<SessionDto[]> {
    return this.auth.listSessions(actor);
  }

  @SignedIn({ duringPasswordChange: true })
  @Delete('sessions/:id')
  @HttpCode(204)
  async endSession(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const { wasCurrent } = await this.auth.endSession(actor, id);
    if (wasCurrent) clearSessionCookie(res);
  }
}
