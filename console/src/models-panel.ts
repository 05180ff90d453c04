import { LitElement, html, css, nothing } from 'lit';
import '@lit-labs/virtualizer';
import { shared, healthOf } from './shared';
import { ago, perMillion, tokens, type Entry, type Instance, type ProviderState } from './api';

export interface Migration { from: string; to: string; reason: string; automatic: boolean }

export type Row =
  | { kind: 'header'; section: Section; count: number }
  | { kind: 'model'; section: Section; model: Entry }
  | { kind: 'bulk' }
  | { kind: 'empty'; section: Section };

type Section = 'pending' | 'enabled' | 'disabled' | 'deprecated';
const TITLES: Record<Section, string> = {
  pending: 'Pending approval', enabled: 'Enabled', disabled: 'Disabled', deprecated: 'Deprecated',
};
/**
 * A row's identity across renders (rows are rebuilt on every filter or reload): the virtualizer keeps a row's DOM —
 * and what is being typed in it, such as admin notes — when a live update re-renders the list.
 */
export function rowKey(row: Row): string {
  switch (row.kind) {
    case 'model': return `model:${row.model.id}`;
    case 'header': return `header:${row.section}`;
    case 'empty': return `empty:${row.section}`;
    case 'bulk': return 'bulk';
  }
}

export const CATEGORIES = [
  ['text', 'Text'],
  ['embedding', 'Embedding'],
  ['tts', 'Speech'],
] as const;

/**
 * Seed 004's model management panel: category tabs, a provider selector with "Refresh models", then Pending (with
 * checkboxes and "Approve all selected"), Enabled (default per provider and category), Disabled and Deprecated
 * (with what core's router serves instead, the entry's `falls_back_to`, and the model's migrations). It renders
 * what it is given and says what the admin asked for with events
 * (approve, reject, enable, disable, set-default, notes, refresh); the page calls the API.
 */
export class ModelsPanel extends LitElement {
  static properties = {
    models: { attribute: false },
    providers: { attribute: false },
    states: { attribute: false },
    migrations: { attribute: false },
    refreshedAt: { attribute: false },
    busy: { type: Boolean },
    category: { state: true },
    provider: { state: true },
    query: { state: true },
    capability: { state: true },
    selected: { state: true },
    editing: { state: true },
    draftNotes: { state: true },
    force: { state: true },
  };

  models: Entry[] = [];
  providers: Instance[] = [];
  states: Record<string, ProviderState> = {};
  migrations: Migration[] = [];
  refreshedAt: string | null = null;
  busy = false;
  category = 'text';
  provider = '';
  query = '';
  capability = '';
  selected = new Set<string>();
  editing: string | null = null;
  /** What the admin has typed so far: kept here, so a reload of the list while they type (a catalog event) never
   * puts the stored notes back over it. */
  draftNotes = '';
  force = false;

  static styles = [shared, css`
    :host { display: block; }
    [role='tablist'] { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--mg-line, #d8dce1); margin-bottom: 0.75rem; flex-wrap: wrap; }
    [role='tab'] { border: none; border-bottom: 3px solid transparent; border-radius: 0; background: none; padding: 0.5rem 0.8rem; }
    [role='tab'][aria-selected='true'] { border-bottom-color: var(--mg-accent, #0b57d0); font-weight: 600; }
    .toolbar { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; margin-bottom: 0.75rem; }
    .toolbar input[type='search'] { flex: 1 1 12rem; min-width: 0; }
    lit-virtualizer { height: min(70vh, 900px); width: 100%; }
    .section { display: flex; align-items: center; gap: 0.5rem; width: 100%; padding: 0.9rem 0 0.35rem;
      font-weight: 600; font-size: 1.05rem; border-bottom: 2px solid var(--mg-line, #d8dce1); }
    .model { display: grid; grid-template-columns: auto 1fr auto; gap: 0.25rem 0.75rem; width: 100%;
      box-sizing: border-box; padding: 0.55rem 0.25rem; border-bottom: 1px solid var(--mg-line, #e9ecef); }
    .model .name { font-weight: 600; overflow-wrap: anywhere; }
    .model .id { font-family: ui-monospace, monospace; font-size: 0.8rem; overflow-wrap: anywhere; }
    .model .facts { grid-column: 2 / 4; font-size: 0.85rem; display: flex; flex-wrap: wrap; gap: 0.15rem 0.9rem; }
    .model .actions { display: flex; gap: 0.35rem; flex-wrap: wrap; justify-content: flex-end; align-items: center; }
    .model .notes { grid-column: 2 / 4; font-size: 0.85rem; }
    .fallback { grid-column: 2 / 4; font-size: 0.9rem; color: #8a4500; }
    .bulk { display: flex; justify-content: flex-end; gap: 0.5rem; padding: 0.5rem 0; width: 100%; }
    .empty { padding: 0.5rem 0.25rem; width: 100%; }
    label.default { display: inline-flex; gap: 0.3rem; align-items: center; }
    @media (max-width: 600px) {
      .model { grid-template-columns: auto 1fr; }
      .model .actions { grid-column: 1 / 3; justify-content: flex-start; }
      .model .facts, .model .notes, .fallback { grid-column: 1 / 3; }
    }
  `];

  /** Each model's search key (id and name, lower-cased), made once per list rather than on every keystroke. */
  private keys = new Map<Entry, string>();
  private counts: Record<string, number> = {};
  private pendingIds = new Set<string>();

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('models')) {
      this.keys = new Map(this.models.map(m => [m, `${m.id}\n${m.name}`.toLowerCase()]));
      this.counts = {};
      this.pendingIds = new Set();
      for (const m of this.models) {
        this.counts[m.category] = (this.counts[m.category] ?? 0) + 1;
        if (m.status === 'pending') this.pendingIds.add(m.id);
      }
    }
  }

  /** The models of the chosen category and provider that match the search and capability filter. */
  visible(): Entry[] {
    const q = this.query.trim().toLowerCase();
    const out: Entry[] = [];
    for (const m of this.models) {
      if (m.category !== this.category || (this.provider && m.provider !== this.provider)
          || (this.capability && !m.capabilities.includes(this.capability))) continue;
      if (q) {
        const key = this.keys.get(m) ?? `${m.id}\n${m.name}`.toLowerCase();
        if (!key.includes(q)) continue;
      }
      out.push(m);
    }
    return out;
  }

  /** The migrations from a model, as the admin recorded them (what the router follows is in falls_back_to). */
  private migrationsFrom(id: string): Migration[] {
    return this.migrations.filter(x => x.from === id);
  }

  private defaultOf(provider: string): string | undefined {
    return this.providers.find(p => p.id === provider)?.default_models?.[this.category];
  }

  rows(): Row[] {
    const bySection: Record<Section, Entry[]> = { pending: [], enabled: [], disabled: [], deprecated: [] };
    for (const m of this.visible()) bySection[m.status]?.push(m);
    const rows: Row[] = [];
    for (const section of ['pending', 'enabled', 'disabled', 'deprecated'] as Section[]) {
      const list = bySection[section];
      if (section === 'disabled' && list.length === 0) continue;
      rows.push({ kind: 'header', section, count: list.length });
      if (list.length === 0) rows.push({ kind: 'empty', section });
      for (const model of list) rows.push({ kind: 'model', section, model });
      if (section === 'pending' && list.length > 0) rows.push({ kind: 'bulk' });
    }
    return rows;
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private toggleSelected(id: string, on: boolean) {
    const next = new Set(this.selected);
    if (on) next.add(id); else next.delete(id);
    this.selected = next;
  }

  private pendingVisible(): string[] {
    return this.visible().filter(m => m.status === 'pending').map(m => m.id);
  }

  render() {
    const categories = CATEGORIES;
    const rows = this.rows();
    const refreshed = this.refreshedAt ? ago(this.refreshedAt) : 'never';
    const provider = this.providers.find(p => p.id === this.provider);
    const interval = provider ? Math.round(((provider as any).discovery_interval_s ?? 0) / 60) : null;
    return html`
      <div role="tablist" aria-label="Model category">
        ${categories.map(([id, label]) => html`<button role="tab" id="tab-${id}" aria-selected=${this.category === id}
          aria-controls="model-list" @click=${() => { this.category = id; this.selected = new Set(); }}>${label}
          <span class="muted">(${this.counts[id] ?? 0})</span></button>`)}
      </div>
      <div class="toolbar">
        <label class="sr-only" for="provider">Provider</label>
        <select id="provider" @change=${(e: Event) => { this.provider = (e.target as HTMLSelectElement).value; }}>
          <option value="">All providers</option>
          ${this.providers.map(p => html`<option value=${p.id} ?selected=${p.id === this.provider}>${p.name} (${p.id})</option>`)}
        </select>
        <button class="primary" ?disabled=${this.busy}
          @click=${() => this.emit('refresh', { provider: this.provider || null, category: this.category, force: this.force })}>
          ${this.busy ? 'Refreshing…' : 'Refresh models'}</button>
        <label class="row"><input id="force" type="checkbox" .checked=${this.force}
          @change=${(e: Event) => { this.force = (e.target as HTMLInputElement).checked; }}> Force</label>
        <span class="muted" id="refreshed" aria-live="polite">refreshed ${refreshed}${interval ? html` · minimum interval ${interval} min` : nothing}</span>
      </div>
      <div class="toolbar">
        <label class="sr-only" for="search">Search models</label>
        <input id="search" type="search" placeholder="Search models" .value=${this.query}
          @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value; }}>
        <label class="sr-only" for="capability">Capability</label>
        <select id="capability" @change=${(e: Event) => { this.capability = (e.target as HTMLSelectElement).value; }}>
          <option value="">Any capability</option>
          ${['streaming', 'tools', 'vision', 'json_output', 'reasoning'].map(c => html`<option value=${c}>${c.replace('_', ' ')}</option>`)}
        </select>
      </div>
      <lit-virtualizer id="model-list" aria-label="Models" scroller .items=${rows} .keyFunction=${rowKey}
        .renderItem=${(row: Row) => this.renderRow(row)}></lit-virtualizer>
    `;
  }

  private renderRow(row: Row) {
    switch (row.kind) {
      case 'header':
        return html`<div class="section" role="heading" aria-level="3" data-section=${row.section}>
          ${TITLES[row.section]} (${row.count})
          ${row.section === 'pending' && row.count > 0 ? html`<button @click=${() => { this.selected = new Set(this.pendingVisible()); }}>Select all</button>` : nothing}
        </div>`;
      case 'empty':
        return html`<div class="empty muted">No ${TITLES[row.section].toLowerCase()} models here.</div>`;
      case 'bulk': {
        const ids = [...this.selected].filter(id => this.pendingIds.has(id));
        return html`<div class="bulk">
          <button class="primary" ?disabled=${ids.length === 0} @click=${() => { this.emit('approve', { ids }); this.selected = new Set(); }}>Approve all selected (${ids.length})</button>
          <button class="danger" ?disabled=${ids.length === 0} @click=${() => { this.emit('reject', { ids }); this.selected = new Set(); }}>Reject selected</button>
        </div>`;
      }
      case 'model':
        return this.renderModel(row.section, row.model);
    }
  }

  private renderModel(section: Section, m: Entry) {
    const state = this.states[m.provider];
    const health = healthOf(state?.status);
    const isDefault = this.defaultOf(m.provider) === m.id;
    const moved = section === 'deprecated' || section === 'disabled' ? this.migrationsFrom(m.id) : [];
    return html`<div class="model" data-id=${m.id}>
      <div>${section === 'pending'
        ? html`<input type="checkbox" aria-label="Select ${m.name}" .checked=${this.selected.has(m.id)}
            @change=${(e: Event) => this.toggleSelected(m.id, (e.target as HTMLInputElement).checked)}>`
        : section === 'enabled'
          ? html`<label class="default"><input type="radio" name="default-${m.provider}" .checked=${isDefault}
              aria-label="Default for ${m.provider}" @change=${() => this.emit('set-default', { provider: m.provider, category: m.category, model: m.id })}></label>`
          : section === 'deprecated' ? html`<span aria-hidden="true">⚠</span>` : nothing}</div>
      <div>
        <div class="name">${m.name}${isDefault ? html` <span class="badge">default</span>` : nothing}</div>
        <div class="id muted">${m.id}</div>
      </div>
      <div class="actions">
        ${section === 'pending' ? html`
          <button @click=${() => this.emit('approve', { ids: [m.id] })}>Approve</button>
          <button class="danger" @click=${() => this.emit('reject', { ids: [m.id] })}>Reject</button>` : nothing}
        ${section === 'enabled' ? html`
          ${isDefault ? nothing : html`<button @click=${() => this.emit('set-default', { provider: m.provider, category: m.category, model: m.id })}>Set default</button>`}
          <button @click=${() => this.emit('disable', { ids: [m.id] })}>Disable</button>
          <button @click=${() => this.emit('deprecate', { ids: [m.id] })}>Deprecate</button>` : nothing}
        ${section === 'disabled' || section === 'deprecated' ? html`
          <button @click=${() => this.emit('enable', { ids: [m.id] })}>Enable</button>` : nothing}
      </div>
      <div class="facts muted">
        <span><span class="dot ${health}" role="img" aria-label="provider ${health}"></span> ${m.provider}</span>
        <span>context ${tokens(m.context_window)}</span>
        <span>max output ${tokens(m.max_output_tokens)}</span>
        <span>${perMillion(m.pricing)}</span>
        <span>${m.capabilities.map(c => html`<span class="badge">${c}</span>`)}</span>
      </div>
      ${section === 'deprecated' || m.falls_back_to ? html`<div class="fallback">Falls back to: <strong>${m.falls_back_to ?? 'nothing (no usable migration or default)'}</strong>
        ${moved.map(x => html`<span class="muted"> · migration to ${x.to} (${x.reason}${x.automatic ? '' : ', not automatic'})</span>`)}</div>` : nothing}
      <div class="notes">
        ${this.editing === m.id ? html`
          <label class="sr-only" for="notes-${m.id}">Admin notes for ${m.name}</label>
          <input id="notes-${m.id}" .value=${this.draftNotes}
            @input=${(e: Event) => { this.draftNotes = (e.target as HTMLInputElement).value; }}
            style="width: min(30rem, 100%)">
          <button @click=${() => {
            this.emit('notes', { id: m.id, notes: this.draftNotes });
            this.editing = null;
          }}>Save notes</button>
          <button @click=${() => { this.editing = null; }}>Cancel</button>`
        : html`<span class="muted">${m.admin_notes ? `Notes: ${m.admin_notes}` : ''}</span>
          <button @click=${() => { this.draftNotes = m.admin_notes ?? ''; this.editing = m.id; }}
            aria-label="Edit notes for ${m.name}">Edit notes</button>`}
      </div>
    </div>`;
  }
}

if (!customElements.get('mg-models-panel')) customElements.define('mg-models-panel', ModelsPanel);

declare global {
  interface HTMLElementTagNameMap { 'mg-models-panel': ModelsPanel }
}
