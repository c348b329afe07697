import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { createTransport, type Transporter } from 'nodemailer';
import { In, IsNull, MoreThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersRepository } from '../org/users.repository';
import { NotificationEntity } from '../tuning/tuning.entities';

/** Notices older than this are not mailed any more (a mail server down for a day does not flood people later). */
const MAIL_WINDOW_MS = 24 * 3_600_000;

/**
 * The e-mail copy of in-app notices, as an outbox: a notice is written in the
 * transaction of what it announces; the outbox mails what is committed and not
 * yet mailed, marking each row before sending (a conditional update), so two
 * processes never mail the same notice twice. Off when SMTP_URL is unset.
 */
@Injectable()
export class MailOutbox implements OnApplicationShutdown {
  private readonly logger = new Logger(MailOutbox.name);
  private transport: Transporter | null = null;
  private pending: NodeJS.Timeout | null = null;
  private readonly flushing = new Mutex();

  constructor(
    @InjectRepository(NotificationEntity) private readonly notices: Repository<NotificationEntity>,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return !!this.config.mail.smtpUrl;
  }

  private transporter(): Transporter {
    this.transport ??= createTransport(this.config.mail.smtpUrl!);
    return this.transport;
  }

  /** Soon after a notice is written: a second later its transaction has committed. */
  soon(): void {
    if (!this.enabled || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.flush().catch((error: Error) => this.logger.warn({ err: { message: error.message } }, 'Mail outbox flush failed'));
    }, 1000);
    this.pending.unref();
  }

  /** Mails every committed, unmailed notice of the last day to recipients with an e-mail address. Returns how many went out. */
  async flush(): Promise<number> {
    if (!this.enabled) return 0;
    // One flush at a time in a process: a flush that finds the rows claimed waits for the one sending them.
    return this.flushing.runExclusive(() => this.flushNow());
  }

  private async flushNow(): Promise<number> {
    const since = new Date(this.clock.now().getTime() - MAIL_WINDOW_MS);
    const rows = await this.notices.find({ where: { mailedAt: IsNull(), createdAt: MoreThan(since) }, order: { id: 'ASC' }, take: 500 });
    if (!rows.length) return 0;
    const people = new Map((await this.users.findByIds([...new Set(rows.map((r) => r.userId))])).map((u) => [u.id, u]));
    let sent = 0;
    for (const row of rows) {
      const claimed = await this.notices.update({ id: row.id, mailedAt: IsNull() }, { mailedAt: this.clock.now() });
      if (!claimed.affected) continue;
      const to = people.get(row.userId)?.email;
      if (!to) continue;
      try {
        await this.transporter().sendMail({
          from: this.config.mail.from,
          to,
          subject: `[TuneDesk] ${row.titleZh}`,
          text: `${row.titleZh}\n${row.titleEn}\n${row.link ? `\n${row.link}\n` : ''}\n— 智能客服知識庫調校平台（本信由系統發送，請勿回覆）`,
        });
        sent++;
      } catch (error) {
        // Put it back for the next flush; the address is not logged.
        await this.notices.update({ id: row.id }, { mailedAt: null });
        this.logger.warn({ err: { message: (error as Error).message }, notification: row.id }, 'Notice mail not sent');
      }
    }
    return sent;
  }

  /** For tests and the CLI: ids of notices already mailed. */
  async mailedIds(ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    return (await this.notices.find({ select: { id: true }, where: { id: In(ids), mailedAt: MoreThan(new Date(0)) } })).map((r) => r.id);
  }

  onApplicationShutdown(): void {
    if (this.pending) clearTimeout(this.pending);
    this.transport?.close();
  }
}
