import { html, nothing } from 'lit';
import { Page } from '../page';
import { shared } from '../shared';
import { get } from '../api';

interface Audit { at: string; actor: string; action: string; target: string; before: string | null; after: string | null }

/** Admin: the audit log, newest first, filtered by actor, action or target as one types. */
export class AuditPage extends Page {
  static properties = { events: { state: true }, filter: { state: true } };
  static styles = [shared];
  events: Audit[] = [];
  filter = '';

  async load() {
    try {
      this.events = (await get('/api/admin/audit?limit=500')).data;
    } catch (e) { this.error = (e as Error).message; }
  }

  render() {
    const f = this.filter.toLowerCase();
    const shown = this.events.filter(e => !f || `${e.actor} ${e.action} ${e.target}`.toLowerCase().includes(f));
    return html`<h2>Audit log</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <label for="filter">Filter</label> <input id="filter" type="search" placeholder="actor, action or target"
        @input=${(e: Event) => { this.filter = (e.target as HTMLInputElement).value; }}>
      <p class="muted">${shown.length} of ${this.events.length} events</p>
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table class="stack"><thead><tr><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Change</th></tr></thead><tbody>
        ${shown.map(e => html`<tr><td>${new Date(e.at).toLocaleString()}</td><td data-label="Actor">${e.actor}</td><td data-label="Action">${e.action}</td><td data-label="Target">${e.target}</td>
          <td class="muted">${e.before ?? ''}${e.before && e.after ? ' → ' : ''}${e.after ?? ''}</td></tr>`)}
      </tbody></table></div>`;
  }
}
customElements.define('mg-audit-page', AuditPage);
