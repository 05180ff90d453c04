import { afterEach, describe, expect, it, vi } from 'vitest';

// happy-dom has no layout, which the virtualizer needs; here a stand-in renders every row (the real one is
// exercised in the browser test with 2,000 models).
vi.mock('@lit-labs/virtualizer', async () => {
  const { LitElement, html } = await import('lit');
  class Plain extends LitElement {
    static properties = { items: { attribute: false }, renderItem: { attribute: false } };
    items: unknown[] = [];
    renderItem: (item: unknown) => unknown = () => null;
    createRenderRoot() { return this; }
    render() { return html`${this.items.map(i => this.renderItem(i))}`; }
  }
  if (!customElements.get('lit-virtualizer')) customElements.define('lit-virtualizer', Plain);
  return {};
});
import '../src/models-panel';
import { rowKey, type ModelsPanel } from '../src/models-panel';
import type { Entry, Instance } from '../src/api';

function entry(id: string, status: Entry['status'], extra: Partial<Entry> = {}): Entry {
  return { id, provider: id.split(':')[0], kind: 'openai', category: 'text', name: id.split(':')[1], status,
    source: 'cloud', capabilities: ['streaming'], context_window: 128000, max_output_tokens: 16384,
    pricing: { input_per_million: 0.15, output_per_million: 0.6 }, discovered_at: '2026-11-20T00:00:00Z', ...extra };
}

const providers: Instance[] = [{ id: 'openai', kind: 'openai', name: 'OpenAI', visibility: 'public',
  approval_policy: 'manual', enabled: true, default_models: { text: 'openai:gpt-4o-mini' }, has_key: true }];

async function mount(models: Entry[]): Promise<ModelsPanel> {
  const el = document.createElement('mg-models-panel') as ModelsPanel;
  el.models = models;
  el.providers = providers;
  el.migrations = [{ from: 'openai:gpt-3.5-turbo', to: 'openai:gpt-4o', reason: 'deprecated', automatic: true }];
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const models = [
  entry('openai:gpt-4.5-turbo', 'pending'),
  entry('openai:gpt-4.5-preview', 'pending'),
  entry('openai:gpt-4o-mini', 'enabled'),
  entry('openai:gpt-4o', 'enabled', { capabilities: ['streaming', 'vision'] }),
  entry('openai:gpt-3.5-turbo', 'deprecated', { falls_back_to: 'openai:gpt-4o' }),
  entry('openai:gpt-3.5-old', 'deprecated', { falls_back_to: null }),
  entry('openai:text-embedding-3-small', 'enabled', { category: 'embedding' }),
];

describe('mg-models-panel', () => {
  afterEach(() => { document.body.innerHTML = ''; });

  it('splits the chosen category into pending, enabled and deprecated sections with counts', async () => {
    const el = await mount(models);
    const headers = el.rows().filter(r => r.kind === 'header').map(r => r.kind === 'header' && `${r.section}:${r.count}`);
    expect(headers).toEqual(['pending:2', 'enabled:2', 'deprecated:2']);
    expect(el.rows().some(r => r.kind === 'model' && r.model.id === 'openai:text-embedding-3-small')).toBe(false);
    el.category = 'embedding';
    expect(el.rows().filter(r => r.kind === 'model').map(r => r.kind === 'model' && r.model.id))
      .toEqual(['openai:text-embedding-3-small']);
  });

  it('shows what the server says a deprecated model falls back to, and its migrations, with no rule of its own', async () => {
    const el = await mount(models);
    const host = document.createElement('div');
    const { render } = await import('lit');
    render((el as any).renderModel('deprecated', models[4]), host);
    const text = host.querySelector('.fallback')!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Falls back to: openai:gpt-4o');
    expect(text).toContain('migration to openai:gpt-4o (deprecated)');
    // the provider has a default and a migration exists elsewhere, but the server said nothing can serve
    render((el as any).renderModel('deprecated', models[5]), host);
    expect(host.querySelector('.fallback')!.textContent).toContain('Falls back to: nothing');
    render((el as any).renderModel('deprecated', { ...models[5], falls_back_to: 'openai:gpt-4o-mini' }), host);
    expect(host.querySelector('.fallback')!.textContent).toContain('Falls back to: openai:gpt-4o-mini');
  });

  it('filters by search text and capability', async () => {
    const el = await mount(models);
    el.query = '4.5';
    expect(el.visible().map(m => m.id)).toEqual(['openai:gpt-4.5-turbo', 'openai:gpt-4.5-preview']);
    el.query = '';
    el.capability = 'vision';
    expect(el.visible().map(m => m.id)).toEqual(['openai:gpt-4o']);
  });

  it('filters 2,000 models by their ids and names, case-insensitively', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => entry(`openai:model-${i}`, i % 3 === 0 ? 'pending' : 'enabled',
      i === 7 ? { name: 'Seven Special' } : {}));
    const el = document.createElement('mg-models-panel') as ModelsPanel;
    el.models = many;
    (el as any).willUpdate(new Map([['models', []]]));
    el.query = 'model-19';
    expect(el.visible().length).toBe(111);
    expect(el.rows().filter(r => r.kind === 'model').length).toBe(111);
    el.query = '  SEVEN spec ';
    expect(el.visible().map(m => m.id)).toEqual(['openai:model-7']);
    // a new list replaces the search keys
    el.models = [entry('openai:other', 'enabled', { name: 'Seven Other' })];
    (el as any).willUpdate(new Map([['models', many]]));
    expect(el.visible().map(m => m.id)).toEqual([]);
    el.query = 'seven';
    expect(el.visible().map(m => m.id)).toEqual(['openai:other']);
  });

  it('renders every section with its models and the bulk bar', async () => {
    const el = await mount(models);
    await (el.shadowRoot!.querySelector('lit-virtualizer') as any).updateComplete;
    const sections = [...el.shadowRoot!.querySelectorAll('.section')].map(s => s.textContent!.replace(/\s+/g, ' ').trim());
    expect(sections).toEqual(['Pending approval (2) Select all', 'Enabled (2)', 'Deprecated (2)']);
    expect([...el.shadowRoot!.querySelectorAll('.model')].map(m => (m as HTMLElement).dataset.id)).toHaveLength(6);
    expect(el.shadowRoot!.querySelector('[data-id="openai:gpt-3.5-turbo"] .fallback')!.textContent)
      .toContain('Falls back to: openai:gpt-4o');
    expect(el.shadowRoot!.querySelector('.bulk')).not.toBeNull();
  });

  it('keys each row by what it shows, so a reload keeps the DOM of the rows it keeps', async () => {
    const el = await mount(models);
    const keys = el.rows().map(rowKey);
    expect(new Set(keys).size).toBe(keys.length);
    el.models = models.map(m => ({ ...m }));
    await el.updateComplete;
    expect(el.rows().map(rowKey)).toEqual(keys);
    expect(keys).toContain('model:openai:gpt-4o');
  });

  it('bulk-approves the selected pending models with one event', async () => {
    const el = await mount(models);
    const events: unknown[] = [];
    el.addEventListener('approve', e => events.push((e as CustomEvent).detail));
    el.selected = new Set(['openai:gpt-4.5-turbo', 'openai:gpt-4.5-preview']);
    await el.updateComplete;
    const bulk = (el as any).renderRow({ kind: 'bulk' });
    const host = document.createElement('div');
    const { render } = await import('lit');
    render(bulk, host);
    const button = [...host.querySelectorAll('button')].find(b => b.textContent!.includes('Approve all selected'))!;
    expect(button.textContent).toContain('(2)');
    button.click();
    expect(events).toEqual([{ ids: ['openai:gpt-4.5-turbo', 'openai:gpt-4.5-preview'] }]);
    expect(el.selected.size).toBe(0);
  });

  it('renders a card with context, max output, price per million, capabilities and the default radio', async () => {
    const el = await mount(models);
    const host = document.createElement('div');
    const { render } = await import('lit');
    render((el as any).renderModel('enabled', models[2]), host);
    const text = host.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('context 128K');
    expect(text).toContain('max output 16K');
    expect(text).toContain('$0.150 in · $0.600 out /M');
    expect(text).toContain('streaming');
    expect(text).toContain('default');
    expect((host.querySelector('input[type=radio]') as HTMLInputElement).checked).toBe(true);
    const events: unknown[] = [];
    el.addEventListener('set-default', e => events.push((e as CustomEvent).detail));
    render((el as any).renderModel('enabled', models[3]), host);
    [...host.querySelectorAll('button')].find(b => b.textContent === 'Set default')!.click();
    expect(events).toEqual([{ provider: 'openai', category: 'text', model: 'openai:gpt-4o' }]);
  });
});
