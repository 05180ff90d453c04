import { html, nothing } from 'lit';
import { Page } from '../page';
import { shared } from '../shared';
import { del, get, post, put, type Catalog, type Instance } from '../api';

/** Admin: aliases and their targets, model migrations, the server default and each provider's defaults. */
export class RoutingPage extends Page {
  static properties = { aliases: { state: true }, migrations: { state: true }, providers: { state: true },
    catalog: { state: true } };
  static styles = [shared];
  aliases: { name: string; models: string[]; defaults: Record<string, unknown> }[] = [];
  migrations: { from: string; to: string; reason: string; automatic: boolean }[] = [];
  providers: Instance[] = [];
  catalog: Catalog | null = null;

  async load() {
    try {
      const [a, m, p, c] = await Promise.all([get('/api/admin/aliases'), get('/api/admin/models/migrations'),
        get('/api/admin/providers'), get<Catalog>('/ai/models')]);
      this.aliases = a.data; this.migrations = m.data; this.providers = p.data; this.catalog = c;
    } catch (e) { this.error = (e as Error).message; }
  }

  private async submit(e: SubmitEvent, action: (f: FormData) => Promise<unknown>) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    try {
      await action(new FormData(form));
      form.reset();
      await this.load();
    } catch (err) { this.error = (err as Error).message; }
  }

  render() {
    return html`<h2>Routing</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <h3>Defaults</h3>
      <p>Server default (text): <strong>${this.catalog?.default_model_id ?? 'none'}</strong></p>
      <form class="row" @submit=${(e: SubmitEvent) => this.submit(e, f => post('/api/admin/models/set-default',
        { provider: '*', category: f.get('category'), model_id: f.get('model') }))}>
        <label>Category <select name="category"><option>text</option><option>embedding</option><option>tts</option></select></label>
        <label>Model <input name="model" required placeholder="openai:gpt-4o-mini"></label><button>Set server default</button></form>
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table><thead><tr><th>Provider</th><th>Defaults</th></tr></thead><tbody>
        ${this.providers.map(p => html`<tr><td>${p.name}</td><td>${Object.entries(p.default_models).map(([c, m]) => html`${c}: ${m}<br>`)}</td></tr>`)}
      </tbody></table></div>
      <h3>Aliases</h3>
      <form class="row" @submit=${(e: SubmitEvent) => this.submit(e, f => put(`/api/admin/aliases/${encodeURIComponent(String(f.get('name')))}`,
        { models: String(f.get('models')).split(/[\s,]+/).filter(Boolean) }))}>
        <label>Name <input name="name" required></label><label>Targets, in order <input name="models" required></label><button>Save alias</button></form>
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table><thead><tr><th>Alias</th><th>Targets (fallback order)</th><th></th></tr></thead><tbody>
        ${this.aliases.map(a => html`<tr><td>${a.name}</td><td>${a.models.join(' → ')}</td>
          <td><button class="danger" @click=${async () => { await del(`/api/admin/aliases/${encodeURIComponent(a.name)}`); await this.load(); }}>Remove</button></td></tr>`)}
      </tbody></table></div>
      <h3>Migrations</h3>
      <form class="row" @submit=${(e: SubmitEvent) => this.submit(e, f => post('/api/admin/models/migrations',
        { from: f.get('from'), to: f.get('to'), reason: f.get('reason') }))}>
        <label>From <input name="from" required></label><label>To <input name="to" required></label>
        <label>Reason <select name="reason"><option>renamed</option><option>deprecated</option><option>replaced</option></select></label><button>Add migration</button></form>
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table><thead><tr><th>From</th><th>To</th><th>Reason</th><th>Automatic</th></tr></thead><tbody>
        ${this.migrations.map(m => html`<tr><td>${m.from}</td><td>${m.to}</td><td>${m.reason}</td><td>${m.automatic ? 'yes' : 'no'}</td></tr>`)}
      </tbody></table></div>`;
  }
}
customElements.define('mg-routing-page', RoutingPage);
