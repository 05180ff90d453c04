import { html, nothing } from 'lit';
import { Page } from '../page';
import { shared, healthOf } from '../shared';
import { del, get, perMillion, post, put, tokens, type Catalog, type CatalogModel } from '../api';

const KINDS = ['openai', 'gemini', 'anthropic', 'openrouter', 'ollama', 'openwebui', 'openai-compatible'];

/**
 * Everyone (seeds 000 and 003): the models one may use grouped by source with the device behind each, one's
 * default, one's own provider keys (masked) and provider configs; a call to action when only the demo is there.
 */
export class SourcesPage extends Page {
  static properties = { admin: { type: Boolean }, catalog: { state: true }, keys: { state: true },
    configs: { state: true }, preferred: { state: true } };
  static styles = [shared];
  admin = false;
  catalog: Catalog | null = null;
  keys: { provider: string; masked: string; created_at: string; last_used_at: string | null }[] = [];
  configs: any[] = [];
  preferred: string | null = null;

  async load() {
    try {
      const [c, k, pc, pref] = await Promise.all([get<Catalog>('/ai/models'), get('/api/ai/api-keys'),
        get('/api/ai/provider-configs'), get('/api/users/me/preferences')]);
      this.catalog = c; this.keys = k.data; this.configs = pc.data;
      this.preferred = pref.default_models?.text ?? null;
    } catch (e) { this.error = (e as Error).message; }
  }

  private async setDefault(m: CatalogModel) {
    try {
      await put('/api/users/me/preferences', { default_models: { [m.category]: m.id } });
      this.message = `Your default ${m.category} model: ${m.metadata?.name ?? m.id}`;
      await this.load();
    } catch (e) { this.error = (e as Error).message; }
  }

  private async addKey(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const body: Record<string, unknown> = { provider: f.get('provider'), key: f.get('key') };
    if (f.get('kind')) { body.kind = f.get('kind'); body.name = f.get('name') || null; body.base_url = f.get('base_url') || null; }
    form.reset();
    try {
      await post('/api/ai/api-keys', body);
      this.message = 'Key stored; it is shown masked from now on';
      await this.load();
    } catch (err) { this.error = (err as Error).message; }
  }

  private async saveConfig(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    try {
      await post('/api/ai/provider-configs', {
        provider: f.get('provider'), default_model: f.get('model') || null,
        temperature: f.get('temperature') ? Number(f.get('temperature')) : null,
        max_tokens: f.get('max_tokens') ? Number(f.get('max_tokens')) : null, is_default: f.get('is_default') === 'on',
      });
      await this.load();
    } catch (err) { this.error = (err as Error).message; }
  }

  render() {
    const models = this.catalog?.models ?? [];
    const groups = new Map<string, CatalogModel[]>();
    for (const m of models) groups.set(m.node_name || m.provider, [...(groups.get(m.node_name || m.provider) ?? []), m]);
    const demoOnly = models.length > 0 && models.every(m => m.provider === 'demo');
    const providers = [...new Set(models.map(m => m.provider))];
    return html`<h2>AI sources</h2>
      ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${demoOnly || models.length === 0 ? html`<div class="card" data-cta style="border-color:#0b57d0">
        <strong>Only the offline demo model is here.</strong>
        ${this.admin ? html` <a href="#/providers">Add a provider</a> (OpenAI, Gemini, an Ollama node…), or add your own key below.`
          : html` Ask an admin to add a provider, or add your own key below.`}</div>` : nothing}
      ${[...groups.entries()].map(([source, list]) => html`<section class="card" style="margin:0.75rem 0" data-source=${source}>
        <h3><span class="dot ${healthOf(this.catalog?.providers[list[0].provider]?.status)}" role="img"
          aria-label=${healthOf(this.catalog?.providers[list[0].provider]?.status)}></span> ${source}
          <span class="muted">(${list[0].provider} · ${list[0].source})</span></h3>
        <ul>${list.map(m => html`<li data-model=${m.id}>
          <strong>${source} (${m.id.slice(m.provider.length + 1)})</strong>
          <span class="muted">${m.category} · context ${tokens(m.context_window)} · ${perMillion(m.pricing)}</span>
          ${this.preferred === m.id ? html`<span class="badge">your default</span>`
            : html`<button @click=${() => this.setDefault(m)} aria-label="Make default: ${m.id}">Make default</button>`}
        </li>`)}</ul></section>`)}
      <h3>Your provider keys</h3>
      <ul>${this.keys.map(k => html`<li><strong>${k.provider}</strong> <code>${k.masked}</code>
        <span class="muted">added ${new Date(k.created_at).toLocaleDateString()} · last used ${k.last_used_at ? new Date(k.last_used_at).toLocaleString() : 'never'}</span>
        <button class="danger" @click=${async () => { await del(`/api/ai/api-keys/${k.provider}`); await this.load(); }}>Delete</button></li>`)}</ul>
      <form class="card" style="display:grid;gap:0.5rem;max-width:34rem" @submit=${this.addKey}>
        <label>Provider id <input name="provider" required placeholder="openai, or a new id such as my-box"></label>
        <label>Key <input name="key" type="password" required autocomplete="new-password"></label>
        <details><summary>A provider nobody else configured</summary>
          <label>Kind <select name="kind"><option value="">(existing provider)</option>${KINDS.map(k => html`<option>${k}</option>`)}</select></label>
          <label>Friendly name <input name="name" placeholder="My laptop"></label>
          <label>Base URL <input name="base_url" type="url"></label></details>
        <button class="primary">Add key</button></form>
      <h3>Your provider configs</h3>
      <ul>${this.configs.map(c => html`<li>${c.provider}: ${c.default_model ?? 'no model'} · temperature ${c.temperature ?? '—'} · max tokens ${c.max_tokens ?? '—'}${c.is_default ? html` <span class="badge">default</span>` : nothing}</li>`)}</ul>
      <form class="row" @submit=${this.saveConfig}>
        <label>Provider <select name="provider">${providers.map(p => html`<option>${p}</option>`)}</select></label>
        <label>Model <input name="model" placeholder="openai:gpt-4o-mini"></label>
        <label>Temperature <input name="temperature" type="number" min="0" max="2" step="0.1" style="width:5rem"></label>
        <label>Max tokens <input name="max_tokens" type="number" min="1" style="width:6rem"></label>
        <label><input type="checkbox" name="is_default"> default</label><button>Save config</button></form>`;
  }
}
customElements.define('mg-sources-page', SourcesPage);
