import { HttpBackend, HttpClient, HttpXhrBackend, provideHttpClient, withFetch } from '@angular/common/http';
import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { kbImportProviders } from './kb-import.providers';

describe('kbImportProviders', () => {
  it('give the import route an HttpClient that sends with XMLHttpRequest (upload progress), under an app that uses fetch', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(withFetch())] });
    const parent = TestBed.inject(EnvironmentInjector);
    expect(parent.get(HttpBackend)).not.toBeInstanceOf(HttpXhrBackend);
    const injector = createEnvironmentInjector(kbImportProviders, parent);
    expect(injector.get(HttpBackend)).toBeInstanceOf(HttpXhrBackend);
    expect(injector.get(HttpClient)).not.toBe(parent.get(HttpClient));
    injector.destroy();
  });
});
