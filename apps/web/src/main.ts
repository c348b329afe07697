import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

// eslint-disable-next-line no-console -- a failed bootstrap has no interface to report to
bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => console.error(error));
