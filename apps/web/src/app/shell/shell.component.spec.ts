import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18nService } from '../i18n/i18n.service';
import { ShellComponent } from './shell.component';

describe('ShellComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
  });

  async function render() {
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const navLabels = () => [...host.querySelectorAll('[data-testid="nav"] a .nav__label')].map((label) => label.textContent!.trim());
    const langSwitch = () => host.querySelector<HTMLButtonElement>('[data-testid="lang-switch"]')!;
    const title = () => host.querySelector('[data-testid="app-title"]')!.textContent!.replace(/\s+/g, ' ').trim();
    return { fixture, host, navLabels, langSwitch, title };
  }

  it('renders the zh-TW navigation, title and guest area', async () => {
    const { host, navLabels, langSwitch, title } = await render();
    expect(navLabels()).toEqual(['總覽', '組織單位', '系統狀態']);
    expect(title()).toBe('智能客服知識庫調校平台 TuneDesk');
    expect(host.textContent).toContain('桃園市政府地方稅務局');
    expect(host.textContent).toContain('訪客');
    expect(langSwitch().textContent).toContain('English');
  });

  it('switches to English when the language button is clicked, and back', async () => {
    const { fixture, host, navLabels, langSwitch, title } = await render();
    langSwitch().click();
    await fixture.whenStable();
    expect(navLabels()).toEqual(['Overview', 'Units', 'System status']);
    expect(title()).toBe('TuneDesk — Chatbot Knowledge Tuning');
    expect(host.textContent).toContain('Taoyuan City Local Tax Bureau');
    expect(langSwitch().textContent).toContain('中文');
    expect(document.documentElement.lang).toBe('en');
    expect(TestBed.inject(I18nService).lang()).toBe('en');

    langSwitch().click();
    await fixture.whenStable();
    expect(navLabels()).toEqual(['總覽', '組織單位', '系統狀態']);
  });

  it('links every menu item to its page', async () => {
    const { host } = await render();
    const hrefs = [...host.querySelectorAll('[data-testid="nav"] a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['/', '/units', '/status']);
  });
});
