import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type NotificationListDto, TUNING_ROUTES } from '@tunedesk/contracts';
import type { Observable } from 'rxjs';
import { HANDLED_STATUSES } from '../http/error.interceptor';

/**
 * The list is asked for in the background every minute: a server or network
 * hiccup then shows no snackbar (the next poll tries again). A 401 still signs
 * the user out, as for any request.
 */
const QUIET = { context: new HttpContext().set(HANDLED_STATUSES, [0, 403, 404, 429, 500, 502, 503, 504]) };

/** The signed-in user's notifications. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** The newest notifications and how many are unread in all. */
  list(): Observable<NotificationListDto> {
    return this.http.get<NotificationListDto>(TUNING_ROUTES.notifications, QUIET);
  }

  markRead(id: number): Observable<unknown> {
    return this.http.post(TUNING_ROUTES.notificationRead(id), {});
  }

  markAllRead(): Observable<unknown> {
    return this.http.post(TUNING_ROUTES.notificationsReadAll, {});
  }
}
