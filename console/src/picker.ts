import { LitElement, html, css, nothing } from 'lit';
import { subscribe } from './sse';

interface Price { input_per_million?: number | null; output_per_million?: number | null }
interface PickerModel {
  id: string; provider: string; source: string; node_name: string; category: string; status: string;
  capabilities: string[]; context_window?: number | null; pricing?: Price | null;
  metadata: { name?: string; enabled_at?: string };
}
interface ProviderState { status: string }

/**
 * <modelgate-model-picker>: the models one may use, grouped by source, with health, price per million tokens,
 * context length and badges; search, a provider filter, refresh, and loading and error states with Retry.
 * Attributes: server (the gateway's URL; this page's origin when empty), category (text, embedding, tts), value
 * (the chosen id), credential (a gateway key the host app passes; without it the console's session cookie is
 * used) and new-days (on a first visit, how recent a model must be to count as new; 7). Fires `change` with
 * { id, provider, name }. Themed with --mg-picker-* custom properties.
 */
export class ModelPicker extends LitElement {
  static properties = {
    server: { type: String },
    category: { type: String },
    value: { type: String, reflect: true },
    credential: { type: String },
    models: { state: true },
    states: { state: true },
    loading: { state: true },
    error: { state: true },
    query: { state: true },
    provider: { state: true },
    active: { state: true },
    fresh: { state: true },
    newDays: { type: Number, attribute: 'new-days' },
  };

  server = '';
  category = 'text';
  value = '';
  credential = '';
  models: PickerModel[] = [];
  states: Record<string, ProviderState> = {};
  loading = false;
  error: string | null = null;
  query = '';
  provider = '';
  active = -1;
  /** On a first visit, models that became usable in the last this many days are new. */
  newDays = 7;
  /** Ids that arrived while the picker was open, and ones enabled since the user's last visit: a "new" badge. */
  fresh = new Set<string>();
  /**
   * The newest `enabled_at` this browser had seen on this server and category before this visit (the server's own
   * clock, so the two clocks need not agree); null on a first visit.
   */
  private seenUntil: string | null | undefined = undefined;
  private stop: (() => void) | null = null;
  private reloadTimer: number | undefined;

  static styles = css`
    :host { display: block; font: var(--mg-picker-font, inherit); color: var(--mg-picker-fg, #1b1f24);
      background: var(--mg-picker-bg, #fff); border: 1px solid var(--mg-picker-border, #b6bcc4);
      border-radius: var(--mg-picker-radius, 8px); padding: 0.5rem; box-sizing: border-box; }
    .bar { display: flex; gap: 0.4rem; flex-wrap: wrap; margin-bottom: 0.4rem; }
    input, select, button { font: inherit; color: inherit; background: var(--mg-picker-bg, #fff);
      border: 1px solid var(--mg-picker-border, #8a929c); border-radius: 6px; padding: 0.25rem 0.45rem; min-height: 2rem; }
    input { flex: 1 1 8rem; min-width: 0; }
    button { cursor: pointer; }
    :focus-visible { outline: 3px solid var(--mg-picker-focus, #ffbf47); outline-offset: 1px; }
    [role='listbox'] { max-height: var(--mg-picker-height, 22rem); overflow: auto; outline: none; }
    [role='listbox']:focus-visible { outline: 3px solid var(--mg-picker-focus, #ffbf47); }
    .group { font-weight: 600; font-size: 0.85rem; padding: 0.4rem 0.3rem 0.2rem; color: var(--mg-picker-muted, #4d5661); }
    [role='option'] { display: grid; grid-template-columns: auto 1fr; gap: 0 0.5rem; padding: 0.35rem 0.4rem;
      border-radius: 6px; cursor: pointer; }
    [role='option'][aria-selected='true'] { background: var(--mg-picker-selected, #dbe7fb); }
    [role='option'].active { outline: 2px solid var(--mg-picker-accent, #0b57d0); }
    .facts { grid-column: 2; font-size: 0.8rem; color: var(--mg-picker-muted, #4d5661); }
    .dot { width: 0.65rem; height: 0.65rem; border-radius: 50%; background: #8a929c; margin-top: 0.35rem; }
    .dot.healthy { background: #1a7f37; } .dot.degraded { background: #b35900; } .dot.down { background: #c62828; }
    .badge { font-size: 0.7rem; border: 1px solid currentColor; border-radius: 999px; padding: 0 0.35rem; margin-left: 0.25rem; }
    .status { padding: 0.5rem; }
    .error { color: var(--mg-picker-danger, #a4161a); }
  `;

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.stop = subscribe(this.url('/api/events'), this.headers(), e => {
      if (e.event === 'model.added') {
        try { this.fresh = new Set(this.fresh).add(JSON.parse(e.data).model); } catch { /* ignore */ }
      }
      window.clearTimeout(this.reloadTimer);
      this.reloadTimer = window.setTimeout(() => void this.load(false), 250);
    }, this.credential ? 'omit' : 'same-origin');
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.stop?.();
    window.clearTimeout(this.reloadTimer);
  }

  updated(changed: Map<string, unknown>) {
    if ((changed.has('category') && changed.get('category') !== undefined)
        || (changed.has('server') && changed.get('server') !== undefined)) {
      this.seenUntil = undefined;
      this.fresh = new Set();
      void this.load();
    }
  }

  private url(path: string): string {
    return (this.server || '').replace(/\/$/, '') + path;
  }

  private headers(): Record<string, string> {
    return this.credential ? { Authorization: `Bearer ${this.credential}` } : {};
  }

  /** Loads the models; a refresh keeps the list on screen while it loads. */
  async load(showLoading = true): Promise<void> {
    if (showLoading) this.loading = true;
    this.error = null;
    try {
      const res = await fetch(this.url(`/ai/models?category=${encodeURIComponent(this.category || 'text')}`), {
        headers: { Accept: 'application/json', ...this.headers() },
        credentials: this.credential ? 'omit' : 'same-origin',
      });
      if (!res.ok) {
        let message = `${res.status}`;
        try { message = (await res.json()).error?.message ?? message; } catch { /* not JSON */ }
        throw new Error(message);
      }
      const body = await res.json();
      this.models = (body.models ?? []).filter((m: PickerModel) => m.status === 'enabled' || m.status === 'deprecated');
      this.states = body.providers ?? {};
      this.markUnseen();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }

  private seenKey(): string {
    return `modelgate-picker-seen:${this.server || location.origin}:${this.category || 'text'}`;
  }

  /**
   * Marks as new the models enabled since the user's last visit (on a first visit, in the last `new-days` days) and
   * remembers the newest one seen, so they are not new next time. Only a timestamp is stored, never a credential.
   */
  private markUnseen() {
    if (this.seenUntil === undefined) {
      try { this.seenUntil = localStorage.getItem(this.seenKey()); } catch { this.seenUntil = null; }
    }
    const since = this.seenUntil ?? new Date(Date.now() - this.newDays * 86_400_000).toISOString();
    const fresh = new Set(this.fresh);
    let newest = this.seenUntil ?? '';
    for (const m of this.models) {
      const at = m.metadata?.enabled_at;
      if (!at) continue;
      if (Date.parse(at) > Date.parse(since)) fresh.add(m.id);
      if (!newest || Date.parse(at) > Date.parse(newest)) newest = at;
    }
    this.fresh = fresh;
    if (newest) {
      try { localStorage.setItem(this.seenKey(), newest); } catch { /* storage unavailable: badges last a visit */ }
    }
  }

  private shown(): PickerModel[] {
    const q = this.query.trim().toLowerCase();
    return this.models.filter(m => (!this.provider || m.provider === this.provider)
      && (!q || m.id.toLowerCase().includes(q) || (m.metadata?.name ?? '').toLowerCase().includes(q)
        || m.node_name.toLowerCase().includes(q)));
  }

  private choose(m: PickerModel) {
    this.value = m.id;
    this.dispatchEvent(new CustomEvent('change', {
      detail: { id: m.id, provider: m.provider, name: m.metadata?.name ?? m.id }, bubbles: true, composed: true,
    }));
  }

  private onKey(e: KeyboardEvent, list: PickerModel[]) {
    if (list.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (Math.max(this.active, step > 0 ? -1 : 0) + step + list.length) % list.length;
      this.updateComplete.then(() => this.renderRoot.querySelector('.active')?.scrollIntoView({ block: 'nearest' }));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      this.active = e.key === 'Home' ? 0 : list.length - 1;
    } else if ((e.key === 'Enter' || e.key === ' ') && this.active >= 0) {
      e.preventDefault();
      this.choose(list[this.active]);
    }
  }

  render() {
    const list = this.shown();
    const groups = new Map<string, PickerModel[]>();
    for (const m of list) {
      const key = m.node_name || m.provider;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    const providers = [...new Map(this.models.map(m => [m.provider, m.node_name])).entries()];
    let index = -1;
    const activeId = this.active >= 0 && list[this.active] ? `opt-${this.active}` : nothing;
    return html`
      <div class="bar">
        <input type="search" placeholder="Search models" aria-label="Search models" .value=${this.query}
          @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value; this.active = -1; }}
          @keydown=${(e: KeyboardEvent) => this.onKey(e, list)}>
        <select aria-label="Provider" @change=${(e: Event) => { this.provider = (e.target as HTMLSelectElement).value; this.active = -1; }}>
          <option value="">All providers</option>
          ${providers.map(([id, name]) => html`<option value=${id}>${name}</option>`)}
        </select>
        <button @click=${() => void this.load()} aria-label="Refresh models">Refresh</button>
      </div>
      ${this.loading ? html`<div class="status" role="status">Loading models…</div>` : nothing}
      ${this.error ? html`<div class="status error" role="alert">Could not load models: ${this.error}
        <button @click=${() => void this.load()}>Retry</button></div>` : nothing}
      ${!this.loading && !this.error && list.length === 0 ? html`<div class="status" role="status">No models match.</div>` : nothing}
      <div role="listbox" tabindex="0" aria-label="Models" aria-activedescendant=${activeId}
        @keydown=${(e: KeyboardEvent) => this.onKey(e, list)}>
        ${[...groups.entries()].map(([group, models], g) => html`
          <div role="group" aria-labelledby="group-${g}">
            <div class="group" id="group-${g}" role="presentation">${group}</div>
            ${models.map(m => {
              index++;
              const i = index;
              const health = this.states[m.provider]?.status ?? 'unknown';
              const price = m.pricing && m.pricing.input_per_million != null
                ? `$${Number(m.pricing.input_per_million).toFixed(2)} / $${Number(m.pricing.output_per_million ?? 0).toFixed(2)} per M`
                : 'price unknown';
              const ctx = m.context_window ? `${Math.round(m.context_window / 1000)}K context` : '';
              return html`<div role="option" id="opt-${i}" aria-selected=${m.id === this.value}
                class=${i === this.active ? 'active' : ''} data-id=${m.id} @click=${() => { this.active = i; this.choose(m); }}>
                <span class="dot ${health}" role="img" aria-label=${health}></span>
                <span>${m.metadata?.name ?? m.id}
                  ${this.fresh.has(m.id) ? html`<span class="badge">new</span>` : nothing}
                  ${m.status === 'deprecated' ? html`<span class="badge">deprecated</span>` : nothing}
                  ${health === 'degraded' ? html`<span class="badge">limited</span>` : nothing}</span>
                <span class="facts">${price}${ctx ? ` · ${ctx}` : ''}${m.capabilities.length ? ` · ${m.capabilities.join(', ')}` : ''}</span>
              </div>`;
            })}
          </div>`)}
      </div>`;
  }
}

if (!customElements.get('modelgate-model-picker')) customElements.define('modelgate-model-picker', ModelPicker);

declare global {
  interface HTMLElementTagNameMap { 'modelgate-model-picker': ModelPicker }
}
