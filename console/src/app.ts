import { LitElement, html, css, nothing } from 'lit';
import { shared } from './shared';
import { ApiError, currentSession, signIn, signOut, type Me } from './api';
import { subscribe } from './sse';
import './pages/models-page';
import './pages/providers-page';
import './pages/people-page';
import './pages/usage-page';
import './pages/routing-page';
import './pages/audit-page';
import './pages/sources-page';
import './pages/playground-page';
import './pages/sessions-page';

interface Page { id: string; label: string; admin: boolean }
const PAGES: Page[] = [
  { id: 'models', label: 'Models', admin: true },
  { id: 'providers', label: 'Providers', admin: true },
  { id: 'people', label: 'People', admin: true },
  { id: 'usage', label: 'Usage', admin: true },
  { id: 'routing', label: 'Routing', admin: true },
  { id: 'audit', label: 'Audit log', admin: true },
  { id: 'sources', label: 'AI sources', admin: false },
  { id: 'my-usage', label: 'My usage', admin: false },
  { id: 'playground', label: 'Playground', admin: false },
  { id: 'sessions', label: 'Sessions', admin: false },
];

/** The console: sign-in, then the pages the signed-in role may see; live updates from /api/events. */
export class ConsoleApp extends LitElement {
  static properties = {
    me: { state: true },
    page: { state: true },
    error: { state: true },
    checking: { state: true },
    menu: { state: true },
  };

  me: Me | null = null;
  page = 'sources';
  error: string | null = null;
  checking = true;
  menu = false;
  private stopEvents: (() => void) | null = null;

  static styles = [shared, css`
    :host { display: block; min-height: 100vh; background: var(--mg-page, #f5f6f8); }
    header { display: flex; align-items: center; gap: 0.75rem; padding: 0.6rem 1rem; background: #14213d; color: #fff; flex-wrap: wrap; }
    header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
    header button { background: transparent; color: #fff; border-color: #9fb3d9; }
    .layout { display: grid; grid-template-columns: 13rem 1fr; min-height: calc(100vh - 3.2rem); }
    nav { background: #fff; border-right: 1px solid var(--mg-line, #d8dce1); padding: 0.5rem; }
    nav a { display: block; padding: 0.5rem 0.7rem; border-radius: 6px; color: inherit; text-decoration: none; }
    nav a[aria-current='page'] { background: #dbe7fb; font-weight: 600; }
    nav .group { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: #4d5661; margin: 0.75rem 0.7rem 0.25rem; }
    main { padding: 1rem; min-width: 0; }
    .menu { display: none; }
    .signin { max-width: 26rem; margin: 10vh auto; padding: 1.5rem; }
    .signin form { display: grid; gap: 0.6rem; }
    .signin input { width: 100%; }
    @media (max-width: 760px) {
      .layout { grid-template-columns: 1fr; }
      nav { display: none; border-right: none; border-bottom: 1px solid var(--mg-line, #d8dce1); }
      nav.open { display: block; }
      .menu { display: inline-block; }
      main { padding: 0.6rem; }
    }
  `];

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', () => this.route());
    void this.restore();
  }

  private async restore() {
    try {
      this.me = await currentSession();
    } catch (e) {
      this.error = (e as Error).message;
    }
    this.checking = false;
    this.route();
    this.startEvents();
  }

  private route() {
    const wanted = location.hash.replace(/^#\/?/, '') || (this.me?.role === 'admin' ? 'models' : 'sources');
    const allowed = PAGES.filter(p => !p.admin || this.me?.role === 'admin').map(p => p.id);
    this.page = allowed.includes(wanted) ? wanted : allowed[0] ?? 'sources';
    this.menu = false;
  }

  private startEvents() {
    this.stopEvents?.();
    this.stopEvents = null;
    if (!this.me) return;
    this.stopEvents = subscribe('/api/events', {}, e => {
      this.dispatchEvent(new CustomEvent('mg-server-event', { detail: e }));
      const current = this.renderRoot.querySelector('main > *') as any;
      current?.serverEvent?.(e);
    });
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.querySelector('input') as HTMLInputElement;
    const key = input.value;
    input.value = '';
    this.error = null;
    try {
      this.me = await signIn(key);
      location.hash = this.me.role === 'admin' ? '#/models' : '#/sources';
      this.route();
      this.startEvents();
    } catch (err) {
      this.error = err instanceof ApiError && err.status === 401 ? 'That key was not accepted.' : (err as Error).message;
    }
  }

  private async leave() {
    try { await signOut(); } catch { /* signed out anyway */ }
    this.stopEvents?.();
    this.me = null;
    location.hash = '';
  }

  render() {
    if (this.checking) return html`<main><p role="status">Loading…</p></main>`;
    if (!this.me) return this.renderSignIn();
    const admin = this.me.role === 'admin';
    const link = (p: Page) => html`<a href="#/${p.id}" aria-current=${this.page === p.id ? 'page' : 'false'}>${p.label}</a>`;
    return html`
      <header>
        <button class="menu" aria-expanded=${this.menu} aria-controls="nav" @click=${() => { this.menu = !this.menu; }}>Menu</button>
        <h1>Modelgate console</h1>
        <span>${this.me.name ?? this.me.user_id} · ${this.me.role}</span>
        <button @click=${() => this.leave()}>Sign out</button>
      </header>
      <div class="layout">
        <nav id="nav" class=${this.menu ? 'open' : ''} aria-label="Console">
          ${admin ? html`<div class="group">Administration</div>${PAGES.filter(p => p.admin).map(link)}` : nothing}
          <div class="group">For you</div>
          ${PAGES.filter(p => !p.admin).map(link)}
        </nav>
        <main id="main">${this.renderPage(admin)}</main>
      </div>`;
  }

  private renderPage(admin: boolean) {
    switch (this.page) {
      case 'models': return html`<mg-models-page></mg-models-page>`;
      case 'providers': return html`<mg-providers-page></mg-providers-page>`;
      case 'people': return html`<mg-people-page></mg-people-page>`;
      case 'usage': return html`<mg-usage-page scope="admin"></mg-usage-page>`;
      case 'routing': return html`<mg-routing-page></mg-routing-page>`;
      case 'audit': return html`<mg-audit-page></mg-audit-page>`;
      case 'my-usage': return html`<mg-usage-page scope="me"></mg-usage-page>`;
      case 'playground': return html`<mg-playground-page></mg-playground-page>`;
      case 'sessions': return html`<mg-sessions-page></mg-sessions-page>`;
      default: return html`<mg-sources-page ?admin=${admin}></mg-sources-page>`;
    }
  }

  private renderSignIn() {
    return html`<main>
      <div class="signin card">
        <h2>Sign in to Modelgate</h2>
        <form @submit=${this.submit}>
          <label for="key">Gateway key</label>
          <input id="key" name="key" type="password" autocomplete="off" required placeholder="mg_…">
          <button class="primary" type="submit">Sign in</button>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          <p class="muted">The key is sent once; the browser keeps only a session cookie it cannot read.</p>
        </form>
      </div></main>`;
  }
}

customElements.define('mg-console', ConsoleApp);
