import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../src/picker';
import type { ModelPicker } from '../src/picker';

const catalog = {
  default_model_id: 'openai:gpt-4o-mini',
  models: [
    { id: 'openai:gpt-4o-mini', provider: 'openai', source: 'cloud', node_name: 'OpenAI', category: 'text',
      status: 'enabled', capabilities: ['streaming', 'tools'], context_window: 128000,
      pricing: { input_per_million: 0.15, output_per_million: 0.6 }, metadata: { name: 'GPT-4o mini' } },
    { id: 'mac:llama3.1:8b', provider: 'mac', source: 'node', node_name: 'Mac Studio', category: 'text',
      status: 'enabled', capabilities: ['streaming'], context_window: 8192, pricing: null,
      metadata: { name: 'llama3.1:8b' } },
    { id: 'openai:gpt-3.5-turbo', provider: 'openai', source: 'cloud', node_name: 'OpenAI', category: 'text',
      status: 'deprecated', capabilities: [], context_window: 16000, pricing: null, metadata: { name: 'GPT-3.5' } },
  ],
  providers: { openai: { status: 'healthy' }, mac: { status: 'degraded' } },
};

function respond(status: number, body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

async function mount(attrs: Record<string, string> = {}): Promise<ModelPicker> {
  const el = document.createElement('modelgate-model-picker') as ModelPicker;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await vi.waitFor(() => expect(el.loading).toBe(false));
  await el.updateComplete;
  return el;
}

const options = (el: ModelPicker) => [...el.shadowRoot!.querySelectorAll('[role=option]')] as HTMLElement[];

describe('modelgate-model-picker', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fetchMock = vi.fn((url: string) => (String(url).includes('/api/events')
      ? new Promise(() => {}) : respond(200, catalog)));
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  const day = 86_400_000;
  const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
  const dated = (dates: string[]) => ({ ...catalog, models: catalog.models.map((m, i) =>
    ({ ...m, metadata: { ...m.metadata, enabled_at: dates[i] } })) });
  const badged = (el: ModelPicker) => options(el).filter(o => [...o.querySelectorAll('.badge')]
    .some(b => b.textContent === 'new')).map(o => o.dataset.id);

  it('marks as new on a first visit the models enabled in the last new-days days', async () => {
    fetchMock.mockImplementation((url: string) => (String(url).includes('/api/events')
      ? new Promise(() => {}) : respond(200, dated([at(2 * day), at(30 * day), at(9 * day)]))));
    expect(badged(await mount())).toEqual(['openai:gpt-4o-mini']);
    document.body.innerHTML = '';
    localStorage.clear();
    expect(badged(await mount({ 'new-days': '10' }))).toEqual(['openai:gpt-4o-mini', 'openai:gpt-3.5-turbo']);
  });

  it('marks as new the models enabled since the last visit, and only until they were seen', async () => {
    const [old, older, oldest] = [at(20 * day), at(30 * day), at(40 * day)];
    const first = dated([oldest, older, old]);
    fetchMock.mockImplementation((url: string) => (String(url).includes('/api/events')
      ? new Promise(() => {}) : respond(200, first)));
    expect(badged(await mount())).toEqual([]);
    document.body.innerHTML = '';
    // two weeks later an admin enabled the node's model: it is new on the next visit, and not on the one after
    const later = dated([oldest, at(60_000), old]);
    fetchMock.mockImplementation((url: string) => (String(url).includes('/api/events')
      ? new Promise(() => {}) : respond(200, later)));
    expect(badged(await mount())).toEqual(['mac:llama3.1:8b']);
    expect(Object.keys(localStorage).every(k => !localStorage.getItem(k)!.includes('mg_'))).toBe(true);
    document.body.innerHTML = '';
    expect(badged(await mount())).toEqual([]);
  });

  it('asks the server for the category with the credential the host passes', async () => {
    await mount({ server: 'https://gw.example/', category: 'text', credential: 'mg_12345678_secret' });
    const [url, init] = fetchMock.mock.calls.find(c => String(c[0]).includes('/ai/models'))!;
    expect(url).toBe('https://gw.example/ai/models?category=text');
    expect(init.headers.Authorization).toBe('Bearer mg_12345678_secret');
    expect(init.credentials).toBe('omit');
  });

  it('groups models by source with health, price per million, context and badges', async () => {
    const el = await mount();
    const groups = [...el.shadowRoot!.querySelectorAll('.group')].map(g => g.textContent!.trim());
    expect(groups).toEqual(['OpenAI', 'Mac Studio']);
    const text = options(el).map(o => o.textContent!.replace(/\s+/g, ' ').trim());
    expect(text[0]).toContain('GPT-4o mini');
    expect(text[0]).toContain('$0.15 / $0.60 per M');
    expect(text[0]).toContain('128K context');
    expect(text[1]).toContain('deprecated');
    expect(text[2]).toContain('limited');
    expect(el.shadowRoot!.querySelector('[data-id="mac:llama3.1:8b"] .dot')!.classList.contains('degraded')).toBe(true);
  });

  it('filters by search and by provider', async () => {
    const el = await mount();
    const search = el.shadowRoot!.querySelector('input[type=search]') as HTMLInputElement;
    search.value = 'llama';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(options(el).map(o => o.dataset.id)).toEqual(['mac:llama3.1:8b']);
    search.value = '';
    search.dispatchEvent(new Event('input'));
    const select = el.shadowRoot!.querySelector('select') as HTMLSelectElement;
    select.value = 'openai';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(options(el).map(o => o.dataset.id)).toEqual(['openai:gpt-4o-mini', 'openai:gpt-3.5-turbo']);
  });

  it('fires change with id, provider and name on click and on Enter', async () => {
    const el = await mount();
    const seen: unknown[] = [];
    el.addEventListener('change', e => seen.push((e as CustomEvent).detail));
    options(el)[2].click();
    const list = el.shadowRoot!.querySelector('[role=listbox]') as HTMLElement;
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }));
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).toBe('opt-0');
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(seen).toEqual([
      { id: 'mac:llama3.1:8b', provider: 'mac', name: 'llama3.1:8b' },
      { id: 'openai:gpt-4o-mini', provider: 'openai', name: 'GPT-4o mini' },
    ]);
    await el.updateComplete;
    expect(el.getAttribute('value')).toBe('openai:gpt-4o-mini');
    expect(options(el)[0].getAttribute('aria-selected')).toBe('true');
  });

  it('shows the error with Retry, and Retry loads again', async () => {
    fetchMock.mockImplementation((url: string) => (String(url).includes('/api/events') ? new Promise(() => {})
      : respond(401, { error: { message: 'invalid gateway key' } })));
    const el = await mount();
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).toContain('invalid gateway key');
    fetchMock.mockImplementation((url: string) => (String(url).includes('/api/events') ? new Promise(() => {})
      : respond(200, catalog)));
    (alert.querySelector('button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(options(el).length).toBe(3));
    expect(el.shadowRoot!.querySelector('[role=alert]')).toBeNull();
  });
});
