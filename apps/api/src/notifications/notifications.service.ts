import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { NotificationDto, NotificationListDto } from '@tunedesk/contracts';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitEntity } from '../org/unit.entity';
import { TuningCycleEntity } from '../reports/report.entities';
import { NotificationEntity } from '../tuning/tuning.entities';
import { MailOutbox } from './mail-outbox.service';

export interface NewNotification {
  kind: string;
  /** May name units as `{key}`: each is replaced by the name of the unit `units[key]` (「{unit} 資料檢視清單已送出」). */
  title: { 'zh-TW': string; en: string };
  /** The object the notice is about; a newer notice with the same link replaces the recipient's unread one. */
  link: string | null;
  /** Unit codes the title names, by placeholder; a code without a unit is shown as it is. */
  units?: Record<string, string | null | undefined>;
  /** Cycle ids the title names, by placeholder: 「115年10月定期調校」, "Tuning for 2026-10". */
  cycles?: Record<string, number>;
  /**
   * Kinds of notice about the same link that this one settles for everybody, not only its recipients
   * (an approved list settles the head's 「請核章」): they are marked read, as the work they asked for is done.
   */
  settles?: string[];
}

/** A cycle as a notice names it in English (the label is the zh-TW name). */
function cycleNameEn(c: TuningCycleEntity): string {
  return c.kind === 'irregular' || !c.month ? 'Irregular tuning' : `Tuning for ${c.month}`;
}

const LIST_LIMIT = 50;

/** In-app notifications: written inside the transaction of what they announce, read by their recipient only. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(NotificationEntity) private readonly repo: Repository<NotificationEntity>,
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(TuningCycleEntity) private readonly cycles: Repository<TuningCycleEntity>,
    private readonly clock: Clock,
    private readonly outbox: MailOutbox,
  ) {}

  async notify(userIds: readonly number[], n: NewNotification, manager?: EntityManager): Promise<number> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return 0;
    const repo = manager ? manager.getRepository(NotificationEntity) : this.repo;
    const now = this.clock.now();
    const title = await this.withNames(n, manager);
    const link = n.link?.slice(0, 255) ?? null;
    // One unread notice per recipient and object: the newest news about it replaces what they have not read yet.
    if (link) for (let i = 0; i < ids.length; i += 200) await repo.delete({ userId: In(ids.slice(i, i + 200)), link, readAt: IsNull() });
    if (link && n.settles?.length) await repo.update({ link, kind: In(n.settles), readAt: IsNull() }, { readAt: now });
    const rows = ids.map((userId) => ({
      userId,
      kind: n.kind.slice(0, 32),
      titleZh: title['zh-TW'].slice(0, 255),
      titleEn: title.en.slice(0, 255),
      link,
      createdAt: now,
      readAt: null,
      mailedAt: null,
    }));
    for (let i = 0; i < rows.length; i += 200) await repo.insert(rows.slice(i, i + 200));
    this.outbox.soon();
    return ids.length;
  }

  /** The title with each `{key}` of `units` replaced by that unit's name, and of `cycles` by that cycle's. */
  private async withNames(n: NewNotification, manager?: EntityManager): Promise<{ 'zh-TW': string; en: string }> {
    const unitEntries = Object.entries(n.units ?? {});
    const cycleEntries = Object.entries(n.cycles ?? {});
    if (!unitEntries.length && !cycleEntries.length) return n.title;
    const units = manager ? manager.getRepository(UnitEntity) : this.units;
    const cycles = manager ? manager.getRepository(TuningCycleEntity) : this.cycles;
    const codes = [...new Set(unitEntries.map(([, code]) => code).filter((code): code is string => !!code))];
    const names = new Map((codes.length ? await units.findBy({ code: In(codes) }) : []).map((u) => [u.code, u.name]));
    const cycleIds = [...new Set(cycleEntries.map(([, id]) => id))];
    const found = new Map((cycleIds.length ? await cycles.findBy({ id: In(cycleIds) }) : []).map((c) => [c.id, c]));
    const fill = (text: string, lang: 'zh-TW' | 'en') => {
      let out = unitEntries.reduce((t, [key, code]) => t.split(`{${key}}`).join(code ? (names.get(code) ?? code) : ''), text);
      for (const [key, id] of cycleEntries) {
        const c = found.get(id);
        out = out.split(`{${key}}`).join(c ? (lang === 'en' ? cycleNameEn(c) : c.label) : `#${id}`);
      }
      return out;
    };
    return { 'zh-TW': fill(n.title['zh-TW'], 'zh-TW'), en: fill(n.title.en, 'en') };
  }

  async list(actor: Actor): Promise<NotificationListDto> {
    const items = await this.repo.find({ where: { userId: actor.userId }, order: { id: 'DESC' }, take: LIST_LIMIT });
    const unread = await this.repo.count({ where: { userId: actor.userId, readAt: IsNull() } });
    return { unread, items: items.map(toDto) };
  }

  /** Someone else's notification answers 404, as if it did not exist. */
  async markRead(actor: Actor, id: number): Promise<void> {
    const row = await this.repo.findOneBy({ id });
    if (!row || row.userId !== actor.userId)
      throw new DomainError('NOTIFICATION_NOT_FOUND', { 'zh-TW': `找不到通知 #${id}`, en: `No notification #${id}` }, HttpStatus.NOT_FOUND);
    if (!row.readAt) await this.repo.update({ id, readAt: IsNull() }, { readAt: this.clock.now() });
  }

  async markAllRead(actor: Actor): Promise<void> {
    const open = await this.repo.find({ select: { id: true }, where: { userId: actor.userId, readAt: IsNull() } });
    for (let i = 0; i < open.length; i += 500)
      await this.repo.update({ id: In(open.slice(i, i + 500).map((o) => o.id)) }, { readAt: this.clock.now() });
  }
}

function toDto(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    title: { 'zh-TW': n.titleZh, en: n.titleEn },
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
