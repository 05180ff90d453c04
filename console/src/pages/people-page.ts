import { html, nothing } from 'lit';
import { Page } from '../page';
import { shared } from '../shared';
import { del, get, post, put } from '../api';

interface User { id: string; name: string; role: string; org_id: string | null }
interface Org { id: string; name: string; allowed_models: string[] }
interface QuotaUse { limit: string; max: number; used: number; remaining: number }

/** Admin: users, orgs and their allowed models, gateway keys (a new one shown once), quotas with usage bars. */
export class PeoplePage extends Page {
  static properties = {
    users: { state: true }, orgs: { state: true }, selected: { state: true }, keys: { state: true },
    quota: { state: true }, newKey: { state: true },
  };
  static styles = [shared];
  users: User[] = [];
  orgs: Org[] = [];
  selected: User | null = null;
  keys: any[] = [];
  quota: QuotaUse[] = [];
  newKey: string | null = null;

  async load() {
    try {
      const [u, o] = await Promise.all([get('/api/admin/users'), get('/api/admin/orgs')]);
      this.users = u.data;
      this.orgs = o.data;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async showUser(u: User) {
    this.selected = u;
    this.newKey = null;
    this.keys = (await get(`/api/admin/users/${u.id}/keys`)).data;
    try {
      this.quota = (await get(`/api/admin/quotas/user/${u.id}`)).usage ?? [];
    } catch {
      this.quota = [];
    }
  }

  private async createUser(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    try {
      await post('/api/admin/users', { name: f.get('name'), role: f.get('role'), org_id: f.get('org') || null });
      form.reset();
      await this.load();
    } catch (err) { this.error = (err as Error).message; }
  }

  private async createOrg(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    try {
      await post('/api/admin/orgs', { name: f.get('name') });
      form.reset();
      await this.load();
    } catch (err) { this.error = (err as Error).message; }
  }

  private async allow(o: Org, text: string) {
    const patterns = text.split(/[\s,]+/).filter(Boolean);
    try {
      await put(`/api/admin/orgs/${o.id}/allowed-models`, { allowed_models: patterns });
      await this.load();
    } catch (err) { this.error = (err as Error).message; }
  }

  private async issue() {
    if (!this.selected) return;
    const r = await post(`/api/admin/users/${this.selected.id}/keys`, { name: 'console' });
    this.newKey = r.key;
    this.keys = (await get(`/api/admin/users/${this.selected.id}/keys`)).data;
  }

  private async revoke(prefix: string) {
    await del(`/api/admin/keys/${prefix}`).catch(e => { this.error = e.message; });
    if (this.selected) await this.showUser(this.selected);
  }

  render() {
    return html`
      <h2>People</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <h3>Users</h3>
      <form class="row" @submit=${this.createUser}>
        <label>Name <input name="name" required></label>
        <label>Role <select name="role"><option>member</option><option>admin</option></select></label>
        <label>Org <select name="org"><option value="">none</option>${this.orgs.map(o => html`<option value=${o.id}>${o.name}</option>`)}</select></label>
        <button class="primary">Create user</button>
      </form>
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table class="stack"><thead><tr><th>Name</th><th>Role</th><th>Org</th><th></th></tr></thead><tbody>
        ${this.users.map(u => html`<tr><td>${u.name}<br><span class="muted">${u.id}</span></td><td data-label="Role">${u.role}</td>
          <td data-label="Org">${this.orgs.find(o => o.id === u.org_id)?.name ?? '—'}</td>
          <td><button @click=${() => this.showUser(u)} aria-label="Keys and limits of ${u.name}">Keys and limits</button></td></tr>`)}
      </tbody></table></div>
      ${this.selected ? html`<section class="card" style="margin-top:1rem">
        <h3>${this.selected.name}: gateway keys</h3>
        <button class="primary" @click=${() => this.issue()}>Create key</button>
        ${this.newKey ? html`<p role="status">New key, shown once — copy it now: <code data-new-key>${this.newKey}</code>
          <button @click=${() => { this.newKey = null; }}>Done</button></p>` : nothing}
        <ul>${this.keys.map(k => html`<li><code>${k.prefix}</code> ${k.name ?? ''} ${k.revoked_at ? html`<span class="badge">revoked</span>`
          : html`<button class="danger" @click=${() => this.revoke(k.prefix)}>Revoke</button>`}</li>`)}</ul>
        <h3>Limits</h3>
        ${this.quota.length === 0 ? html`<p class="muted">No limits set.</p>` : this.quota.map(q => {
          const pct = q.max ? Math.min(100, Math.round((Number(q.used) / Number(q.max)) * 100)) : 0;
          return html`<div><span>${q.limit.replaceAll('_', ' ')}: ${q.used} of ${q.max}</span>
            <progress max="100" value=${pct} aria-label="${q.limit} used ${pct}%"></progress></div>`;
        })}
      </section>` : nothing}
      <h3>Orgs</h3>
      <form class="row" @submit=${this.createOrg}><label>Name <input name="name" required></label><button class="primary">Create org</button></form>
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table class="stack"><thead><tr><th>Org</th><th>Allowed models</th></tr></thead><tbody>
        ${this.orgs.map(o => html`<tr><td>${o.name}<br><span class="muted">${o.id}</span></td><td>
          <form class="row" @submit=${(e: SubmitEvent) => { e.preventDefault(); this.allow(o, ((e.target as HTMLFormElement).elements.namedItem('patterns') as HTMLInputElement).value); }}>
            <label class="sr-only" for="allow-${o.id}">Allowed models of ${o.name}</label>
            <input id="allow-${o.id}" name="patterns" .value=${o.allowed_models.join(' ')} placeholder="all models">
            <button>Save</button></form></td></tr>`)}
      </tbody></table></div>`;
  }
}
customElements.define('mg-people-page', PeoplePage);
