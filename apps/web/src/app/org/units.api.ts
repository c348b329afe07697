import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { UnitDto } from '@tunedesk/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class UnitsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<UnitDto[]> {
    return this.http.get<UnitDto[]>('/api/units');
  }
}
