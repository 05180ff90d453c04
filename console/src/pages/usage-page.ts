import { html, css, nothing } from 'lit';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import { unsafeCSS } from 'lit';
import { Page } from '../page';
import { shared } from '../shared';
import { get, usd } from '../api';

interface Total { key: string; requests: number; prompt_tokens: number; completion_tokens: number; cost_usd: number }

/** Usage: charts by day (requests, tokens, cost), tables by model, provider, user and org; CSV download. */
export class UsagePage extends Page {
  static properties = {
    scope: { type: String }, days: { state: true }, groups: { state: true }, group: { state: true },
    conversation: { state: true },
  };
  static styles = [shared, unsafeCSS(uPlotCss), css`
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(280px, 100%), 1fr)); gap: 1rem; }
    .chart { min-height: 220px; overflow: hidden; min-width: 0; }
  `];
  scope: 'admin' | 'me' = 'admin';
  days: Total[] = [];
  groups: Total[] = [];
  group = 'model';
  conversation: any = null;
  private plots: uPlot[] = [];

  private base() {
    return this.scope === 'admin' ? '/api/admin/usage' : '/api/users/me/usage';
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.plots.forEach(p => p.destroy());
  }

  serverEvent(e: { event: string }) {
    if (e.event === 'usage.recorded') {
      this.reloadSoon();
    }
  }

  async load() {
    try {
      const [d, g] = await Promise.all([get(`${this.base()}?group_by=day`), get(`${this.base()}?group_by=${this.group}`)]);
      this.days = d.totals ?? [];
      this.groups = g.totals ?? [];
      this.error = null;
      await this.updateComplete;
      this.draw();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private draw() {
    this.plots.forEach(p => p.destroy());
    this.plots = [];
    const days = [...this.days].sort((a, b) => a.key.localeCompare(b.key));
    const xs = days.map(d => Date.parse(d.key) / 1000);
    const series: [string, string, number[]][] = [
      ['requests', 'Requests', days.map(d => d.requests)],
      ['tokens', 'Tokens', days.map(d => d.prompt_tokens + d.completion_tokens)],
      ['cost', 'Cost (USD)', days.map(d => Number(d.cost_usd))],
    ];
    for (const [id, label, ys] of series) {
      const el = this.renderRoot.querySelector(`#chart-${id}`) as HTMLElement | null;
      if (!el) continue;
      const width = Math.max(200, (el.clientWidth || 320) - 26);
      this.plots.push(new uPlot({
        width, height: 200, title: label,
        series: [{}, { label, stroke: '#0b57d0', fill: 'rgba(11,87,208,0.12)', points: { show: true, size: 6 } }],
        axes: [{}, { size: 64, values: (_u: uPlot, vals: number[]) => vals.map(v => (id === 'cost' ? `$${Number(v.toPrecision(2))}` : String(v))) }],
        // One day alone would stretch the axis over years: show a week around it.
        scales: { x: { time: true, range: (_u: uPlot, min: number, max: number) => (min === max ? [min - 3 * 86400, max + 3 * 86400] : [min, max]) } },
      }, [xs, ys], el));
    }
  }

  private async lookup(e: SubmitEvent) {
    e.preventDefault();
    const id = ((e.target as HTMLFormElement).elements.namedItem('cid') as HTMLInputElement).value.trim();
    try {
      this.conversation = await get(`${this.base()}/conversations/${encodeURIComponent(id)}`);
    } catch (err) { this.error = (err as Error).message; }
  }

  render() {
    const total = this.days.reduce((s, d) => s + Number(d.cost_usd), 0);
    const requests = this.days.reduce((s, d) => s + d.requests, 0);
    const groups = this.scope === 'admin' ? ['model', 'provider', 'user', 'org', 'conversation'] : ['model', 'provider', 'conversation'];
    return html`
      <h2>${this.scope === 'admin' ? 'Usage' : 'My usage'}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p><strong data-total-requests>${requests}</strong> requests · <strong data-total-cost>${usd(total)}</strong> ·
        <a href="${this.base()}?group_by=day&format=csv" download="usage-by-day.csv">Download CSV (by day)</a> ·
        <a href="${this.base()}?group_by=${this.group}&format=csv" download="usage-by-${this.group}.csv">Download CSV (by ${this.group})</a></p>
      <div class="charts">
        <div class="card chart" id="chart-requests" role="img" aria-label="Requests per day"></div>
        <div class="card chart" id="chart-tokens" role="img" aria-label="Tokens per day"></div>
        <div class="card chart" id="chart-cost" role="img" aria-label="Cost per day"></div>
      </div>
      <h3>By <label class="sr-only" for="group">group</label>
        <select id="group" @change=${(e: Event) => { this.group = (e.target as HTMLSelectElement).value; void this.load(); }}>
          ${groups.map(g => html`<option ?selected=${g === this.group}>${g}</option>`)}</select></h3>
      <div class="scroll-x" tabindex="0" role="region" aria-label="Scrollable table"><table><thead><tr><th>${this.group}</th><th>Requests</th><th>Prompt tokens</th><th>Completion tokens</th><th>Cost</th></tr></thead>
        <tbody>${this.groups.map(g => html`<tr><td>${g.key}</td><td>${g.requests}</td><td>${g.prompt_tokens}</td><td>${g.completion_tokens}</td><td>${usd(g.cost_usd)}</td></tr>`)}</tbody></table></div>
      <h3>A conversation</h3>
      <form class="row" @submit=${this.lookup}><label for="cid">Conversation id</label><input id="cid" name="cid" required><button>Show</button></form>
      ${this.conversation ? html`<p>${this.conversation.requests} calls · ${usd(this.conversation.cost_usd)}</p>
        <ul>${this.conversation.by_model.map((m: Total) => html`<li>${m.key}: ${m.requests} calls, ${usd(m.cost_usd)}</li>`)}</ul>` : nothing}`;
  }
}
customElements.define('mg-usage-page', UsagePage);
