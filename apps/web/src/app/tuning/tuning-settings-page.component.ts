import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Placeholder until the settings screen is built. */
@Component({
  selector: 'td-tuning-settings-page',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TuningSettingsPageComponent {}
