import { HttpBackend, HttpXhrBackend, provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { XSRF_COOKIE, XSRF_HEADER } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';

/**
 * The import route's own HttpClient. The app's sends with fetch, which cannot
 * report upload progress; this one uses XMLHttpRequest, with the same XSRF
 * header and error handling as the app's.
 */
export const kbImportProviders: (Provider | EnvironmentProviders)[] = [
  provideHttpClient(withXsrfConfiguration({ cookieName: XSRF_COOKIE, headerName: XSRF_HEADER }), withInterceptors([errorInterceptor])),
  // provideHttpClient would take the parent's fetch backend when there is one; name XHR outright.
  { provide: HttpBackend, useExisting: HttpXhrBackend },
];
