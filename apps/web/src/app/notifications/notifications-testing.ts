import type { NotificationDto, NotificationListDto } from '@tunedesk/contracts';

/** An unread notice that cycle 4 was announced. */
export function makeNotification(overrides: Partial<NotificationDto> = {}): NotificationDto {
  return {
    id: 11,
    kind: 'cycle-announced',
    title: { 'zh-TW': '115年10月定期調校已公告', en: 'The October 2026 tuning cycle was announced' },
    link: '/cycles/4',
    createdAt: '2026-11-04T02:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

/** Two unread of three, the newest first. */
export function makeNotificationList(overrides: Partial<NotificationListDto> = {}): NotificationListDto {
  return {
    unread: 2,
    items: [
      makeNotification(),
      makeNotification({
        id: 10,
        kind: 'review-items',
        title: { 'zh-TW': '房屋稅科有 12 題原有題目待檢視', en: '12 existing items of 房屋稅科 to review' },
        link: '/cycles/4',
        createdAt: '2026-11-03T01:35:00.000Z',
      }),
      makeNotification({
        id: 9,
        kind: 'import-completed',
        title: { 'zh-TW': '匯入 #31 已完成', en: 'Import #31 has completed' },
        link: '/reports/imports/31',
        createdAt: '2026-11-03T01:29:00.000Z',
        readAt: '2026-11-03T02:00:00.000Z',
      }),
    ],
    ...overrides,
  };
}
