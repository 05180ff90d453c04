import { html, nothing } from 'lit';
import { Page } from '../page';
import { shared } from '../shared';
import { del, get } from '../api';

/** Everyone: one's console sessions, with revoke. */
export class SessionsPage extends Page {
  static properties = { sessions: { state: true } };
  static styles = [shared];
  sessions: any[] = [];

  async load() {
    try { this.sessions = (await get('/api/sessions')).data; } catch (e) { this.error = (e as Error).message; }
  }

  render() {
    return html`<h2>Sessions</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table class="stack"><thead><tr><th>Started</th><th>Ends</th><th>Key</th><th>Browser</th><th></th></tr></thead><tbody>
        ${this.sessions.map(s => html`<tr><td>${new Date(s.created_at).toLocaleString()}${s.current ? html` <span class="badge">this one</span>` : nothing}</td>
          <td>${s.revoked_at ? 'revoked' : new Date(s.expires_at).toLocaleString()}</td><td><code>${s.key_prefix}</code></td>
          <td class="muted">${s.user_agent ?? ''}</td>
          <td>${s.active ? html`<button class="danger" @click=${async () => { await del(`/api/sessions/${s.id}`); await this.load(); }}>Revoke</button>` : nothing}</td></tr>`)}
      </tbody></table></div>`;
  }
}
customElements.define('mg-sessions-page', SessionsPage);
