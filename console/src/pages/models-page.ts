import { html, nothing } from 'lit';
import { Page } from '../page';
import { shared } from '../shared';
import { get, patch, post, type Catalog, type Entry, type Instance } from '../api';
import '../models-panel';
import type { Migration } from '../models-panel';

/** Admin: seed 004's model management panel over /api/admin/models, with live updates. */
export class ModelsPage extends Page {
  static properties = {
    models: { state: true }, providers: { state: true }, catalog: { state: true }, migrations: { state: true },
    busy: { state: true }, 
  };
  static styles = [shared];
  models: Entry[] = [];
  providers: Instance[] = [];
  catalog: Catalog | null = null;
  migrations: Migration[] = [];
  busy = false;

  async load() {
    try {
      const [models, providers, catalog, migrations] = await Promise.all([
        get('/api/admin/models'), get('/api/admin/providers'), get<Catalog>('/ai/models'),
        get('/api/admin/models/migrations')]);
      this.models = models.data;
      this.providers = providers.data;
      this.catalog = catalog;
      this.migrations = migrations.data;
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async act(what: () => Promise<unknown>, done: string) {
    this.error = null;
    try {
      await what();
      if (done) this.message = done;
      await this.load();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private status(ids: string[], status: string, verb: string) {
    return this.act(() => post('/api/admin/models/bulk-update', { model_ids: ids, status }),
      `${verb} ${ids.length} model${ids.length === 1 ? '' : 's'}`);
  }

  private async refresh(d: { provider: string | null; category: string; force: boolean }) {
    this.busy = true;
    await this.act(async () => {
      const r = await post('/api/admin/models/discover', { provider: d.provider, category: d.category, force: d.force });
      const failed = r.providers.filter((p: any) => p.error);
      this.message = `Refreshed: ${r.added} new, ${r.deprecated} deprecated`
        + (failed.length ? `; failed: ${failed.map((p: any) => `${p.provider} (${p.error})`).join(', ')}` : '');
    }, '');
    this.busy = false;
  }

  render() {
    return html`
      <h2>Models</h2>
      ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <mg-models-panel .models=${this.models} .providers=${this.providers} .states=${this.catalog?.providers ?? {}}
        .migrations=${this.migrations}
        .refreshedAt=${this.catalog?.last_updated ?? null} ?busy=${this.busy}
        @refresh=${(e: CustomEvent) => this.refresh(e.detail)}
        @approve=${(e: CustomEvent) => this.status(e.detail.ids, 'enabled', 'Approved')}
        @reject=${(e: CustomEvent) => this.status(e.detail.ids, 'disabled', 'Rejected')}
        @enable=${(e: CustomEvent) => this.status(e.detail.ids, 'enabled', 'Enabled')}
        @disable=${(e: CustomEvent) => this.status(e.detail.ids, 'disabled', 'Disabled')}
        @deprecate=${(e: CustomEvent) => this.status(e.detail.ids, 'deprecated', 'Deprecated')}
        @set-default=${(e: CustomEvent) => this.act(() => post('/api/admin/models/set-default',
          { provider: e.detail.provider, category: e.detail.category, model_id: e.detail.model }),
          `Default for ${e.detail.provider}: ${e.detail.model}`)}
        @notes=${(e: CustomEvent) => this.act(() => patch(`/api/admin/models/${encodeURIComponent(e.detail.id)}`,
          { admin_notes: e.detail.notes }), 'Notes saved')}
      ></mg-models-panel>`;
  }
}
customElements.define('mg-models-page', ModelsPage);
