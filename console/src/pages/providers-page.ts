import { html, nothing } from 'lit';
import { Page } from '../page';
import { shared, healthOf } from '../shared';
import { ago, del, get, patch, post, type Catalog, type Entry, type Instance } from '../api';

const KINDS = ['openai', 'openai-compatible', 'gemini', 'anthropic', 'ollama', 'openwebui', 'openrouter', 'demo'];

/** Admin: providers and nodes with health, counts and the last error; add, edit, disable, remove, check now. */
export class ProvidersPage extends Page {
  static properties = {
    providers: { state: true }, catalog: { state: true }, health: { state: true }, editing: { state: true },
    open: { state: true }, nodeModels: { state: true }, 
  };
  static styles = [shared];
  providers: Instance[] = [];
  catalog: Catalog | null = null;
  health: Record<string, { latency_ms: number | null; checked_at: string; detail: string | null; status: string }> = {};
  editing: Instance | 'new' | null = null;
  open: string | null = null;
  nodeModels: Entry[] = [];

  async load() {
    try {
      const [p, c] = await Promise.all([get('/api/admin/providers'), get<Catalog>('/ai/models')]);
      this.providers = p.data;
      this.catalog = c;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async checkNow() {
    this.message = 'Checking…';
    try {
      const r = await post('/api/admin/providers/health?timeout_ms=5000', {});
      const next: typeof this.health = {};
      for (const h of r.data) next[h.id] = h;
      this.health = next;
      this.message = 'Checked every enabled provider';
      await this.load();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, unknown> = {
      name: data.get('name'), base_url: (data.get('base_url') as string) || null,
      visibility: data.get('visibility'), approval_policy: data.get('approval_policy'),
    };
    const key = data.get('key') as string;
    if (key) body.key = key;
    (form.querySelector('input[name=key]') as HTMLInputElement).value = '';
    try {
      if (this.editing === 'new') {
        body.id = data.get('id');
        body.kind = data.get('kind');
        await post('/api/admin/providers', body);
        await post('/api/admin/models/discover', { provider: body.id, force: true }).catch(() => undefined);
        this.message = `Added ${body.name}`;
      } else if (this.editing) {
        await patch(`/api/admin/providers/${this.editing.id}`, body);
        this.message = `Saved ${body.name}`;
      }
      this.editing = null;
      await this.load();
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async toggleEnabled(p: Instance) {
    await patch(`/api/admin/providers/${p.id}`, { enabled: !p.enabled }).catch(e => { this.error = e.message; });
    await this.load();
  }

  private async removeProvider(p: Instance) {
    if (!confirm(`Remove ${p.name} (${p.id})? Its models leave the catalog.`)) return;
    await del(`/api/admin/providers/${p.id}`).catch(e => { this.error = e.message; });
    await this.load();
  }

  private async showModels(p: Instance) {
    if (this.open === p.id) { this.open = null; return; }
    this.open = p.id;
    this.nodeModels = (await get(`/api/admin/providers/${p.id}/models`)).data;
  }

  private copy(id: string) {
    void navigator.clipboard?.writeText(id).then(() => { this.message = `Copied ${id}`; },
      () => { this.message = `Identifier: ${id}`; });
  }

  render() {
    const states = this.catalog?.providers ?? {};
    return html`
      <h2>Providers and nodes</h2>
      <div class="row">
        <button class="primary" @click=${() => { this.editing = 'new'; }}>Add provider</button>
        <button @click=${() => this.checkNow()}>Check now</button>
      </div>
      ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.editing ? this.renderForm() : nothing}
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table class="stack">
        <thead><tr><th>Provider</th><th>Health</th><th>Models</th><th>Owner</th><th>Last error</th><th>Actions</th></tr></thead>
        <tbody>${this.providers.map(p => {
          const s = states[p.id];
          const h = this.health[p.id];
          const health = healthOf(h?.status ?? s?.status);
          const latency = h?.latency_ms ?? s?.latency_ms;
          return html`<tr data-provider=${p.id}>
            <td><strong>${p.name}</strong><br><span class="muted">${p.id} · ${p.kind}${p.enabled ? '' : ' · disabled'}</span></td>
            <td data-label="Health"><span class="dot ${health}" role="img" aria-label=${health}></span> ${health}
              <br><span class="muted">${latency != null ? `${latency} ms · ` : ''}checked ${ago(h?.checked_at ?? s?.last_checked)}</span></td>
            <td data-label="Models">${s?.model_count ?? 0}${s?.pending_count ? html`<br><span class="badge warn">${s.pending_count} pending approval</span>` : nothing}</td>
            <td data-label="Owner">${p.owner ?? 'shared'}<br><span class="muted">${p.visibility}</span></td>
            <td class="muted" data-label="Last error">${h?.detail ?? s?.error ?? ''}</td>
            <td><div class="row">
              <button @click=${() => { this.editing = p; }} aria-label="Edit ${p.name}">Edit</button>
              <button @click=${() => this.toggleEnabled(p)}>${p.enabled ? 'Disable' : 'Enable'}</button>
              <button @click=${() => this.showModels(p)} aria-expanded=${this.open === p.id}>Models</button>
              <button @click=${() => this.copy(p.id)} aria-label="Copy id of ${p.id}">Copy id</button>
              <button class="danger" @click=${() => this.removeProvider(p)} aria-label="Remove ${p.name}">Remove</button>
            </div></td></tr>
            ${this.open === p.id ? html`<tr><td colspan="6"><ul>${this.nodeModels.map(m => html`<li>${m.id} <span class="muted">${m.status}</span>
              <button @click=${() => this.copy(m.id)} aria-label="Copy id of ${m.id}">Copy id</button></li>`)}</ul></td></tr>` : nothing}`;
        })}</tbody></table></div>`;
  }

  private renderForm() {
    const p = this.editing === 'new' ? null : this.editing;
    return html`<form class="card" @submit=${this.save} style="display:grid;gap:0.5rem;max-width:36rem;margin:1rem 0">
      <h3>${p ? `Edit ${p.name}` : 'Add a provider or node'}</h3>
      ${p ? nothing : html`
        <label>Identifier <input name="id" required pattern="[a-z0-9\\-]{1,64}" placeholder="mac-studio"></label>
        <label>Kind <select name="kind">${KINDS.map(k => html`<option>${k}</option>`)}</select></label>`}
      <label>Friendly name <input name="name" required .value=${p?.name ?? ''} placeholder="Mac Studio"></label>
      <label>Base URL <input name="base_url" type="url" .value=${p?.base_url ?? ''} placeholder="http://10.0.0.5:11434"></label>
      <label>API key <input name="key" type="password" autocomplete="new-password"
        placeholder=${p?.has_key ? 'stored — type to replace' : 'optional'}></label>
      <label>Visibility <select name="visibility">
        <option ?selected=${p?.visibility !== 'private'}>public</option><option ?selected=${p?.visibility === 'private'}>private</option></select></label>
      <label>New models <select name="approval_policy">
        <option value="manual" ?selected=${p?.approval_policy !== 'auto-enable'}>wait for approval</option>
        <option value="auto-enable" ?selected=${p?.approval_policy === 'auto-enable'}>enable at once</option></select></label>
      <div class="row"><button class="primary" type="submit">Save</button>
        <button type="button" @click=${() => { this.editing = null; }}>Cancel</button></div>
    </form>`;
  }
}
customElements.define('mg-providers-page', ProvidersPage);
