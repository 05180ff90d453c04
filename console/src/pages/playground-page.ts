import { html, css, nothing } from 'lit';
import { Page } from '../page';
import { shared } from '../shared';
import { csrfToken, get, usd } from '../api';
import '../picker';

interface Reply {
  role: 'user' | 'assistant'; text: string; model?: string; requested?: string | null; route?: string;
  tokens?: string; cost?: string; ttft?: number; error?: string;
}

/** Everyone: chat with streaming, switch model mid-conversation, the route, tokens, cost and TTFT of each reply. */
export class PlaygroundPage extends Page {
  static properties = { model: { state: true }, messages: { state: true }, busy: { state: true }, cost: { state: true } };
  static styles = [shared, css`
    .grid { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap: 1rem; }
    @media (max-width: 760px) { .grid { grid-template-columns: 1fr; } }
    .msg { padding: 0.5rem 0.75rem; border-radius: 8px; margin: 0.4rem 0; white-space: pre-wrap; }
    .user { background: #dbe7fb; } .assistant { background: #fff; border: 1px solid #d8dce1; }
    .meta { font-size: 0.8rem; color: #4d5661; margin-top: 0.3rem; white-space: normal; }
    form textarea { width: 100%; min-height: 4rem; }
  `];
  model = '';
  messages: Reply[] = [];
  busy = false;
  cost: string | null = null;
  private conversation = `conv_${Math.random().toString(36).slice(2, 12)}`;

  /** Nothing to load: the picker loads its models itself. */
  async load() {}

  serverEvent() {}

  /**
   * The conversation's cost from the usage report. The server records a streamed call's usage as the stream closes,
   * which can be just after the browser has read its last event: ask again briefly until the report counts every
   * reply this page has received.
   */
  private async refreshCost() {
    const answered = this.messages.filter(m => m.role === 'assistant' && m.tokens).length;
    for (let attempt = 0; attempt < 8; attempt++) {
      const conv = await get(`/api/users/me/usage/conversations/${this.conversation}`).catch(() => null);
      if (conv) this.cost = usd(conv.cost_usd);
      if (conv && conv.requests >= answered) return;
      await new Promise(r => setTimeout(r, 150 * (attempt + 1)));
    }
  }

  private async send(e: SubmitEvent) {
    e.preventDefault();
    const area = (e.target as HTMLFormElement).querySelector('textarea')!;
    const text = area.value.trim();
    if (!text || !this.model) return;
    area.value = '';
    this.messages = [...this.messages, { role: 'user', text }];
    const reply: Reply = { role: 'assistant', text: '' };
    this.messages = [...this.messages, reply];
    this.busy = true;
    const started = performance.now();
    try {
      const csrf = csrfToken();
      const res = await fetch('/ai/stream', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
        body: JSON.stringify({ model: this.model, conversation_id: this.conversation,
          messages: this.messages.filter(m => m !== reply && !m.error).map(m => ({ role: m.role, content: m.text })) }),
      });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => null);
        throw new Error(body?.error?.message ?? `${res.status}`);
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trim()).join('\n');
          if (!data || data === '[DONE]') continue;
          const ev = JSON.parse(data);
          if (ev.type === 'route') {
            reply.model = ev.model;
            reply.requested = ev.requested_model;
            reply.route = (ev.route?.steps ?? []).map((s: any) => `${s.kind}: ${s.detail}`).join(' → ');
          } else if (ev.type === 'delta') {
            if (reply.ttft === undefined) reply.ttft = Math.round(performance.now() - started);
            reply.text += ev.text;
          } else if (ev.type === 'done') {
            reply.tokens = `${ev.usage?.prompt_tokens ?? 0} in · ${ev.usage?.completion_tokens ?? 0} out`;
            reply.cost = usd(ev.cost_usd);
          } else if (ev.error || ev.type === 'error') {
            reply.error = ev.error?.message ?? ev.message ?? 'the stream failed';
          }
          this.messages = [...this.messages];
        }
      }
      await this.refreshCost();
    } catch (err) {
      reply.error = (err as Error).message;
    } finally {
      this.messages = [...this.messages];
      this.busy = false;
    }
  }

  render() {
    return html`<h2>Playground</h2>
      <div class="grid">
        <div><h3 id="pick">Model</h3>
          <modelgate-model-picker aria-labelledby="pick" category="text" .value=${this.model}
            @change=${(e: CustomEvent) => { this.model = e.detail.id; }}></modelgate-model-picker></div>
        <div>
          <p>Conversation <code>${this.conversation}</code> · cost so far <strong data-conversation-cost>${this.cost ?? '$0'}</strong>
            · model <strong data-current-model>${this.model || 'none chosen'}</strong></p>
          <div aria-live="polite">${this.messages.map(m => html`<div class="msg ${m.role}" data-role=${m.role}>${m.text}
            ${m.role === 'assistant' ? html`<div class="meta">
              ${m.error ? html`<span class="error">${m.error}</span>` : nothing}
              ${m.model ? html`<span data-route>route: ${m.requested ?? '(default)'} → ${m.model}${m.route ? ` (${m.route})` : ''}</span>` : nothing}
              ${m.tokens ? html` · <span>${m.tokens}</span> · <span data-cost>${m.cost}</span>` : nothing}
              ${m.ttft !== undefined ? html` · <span>first token ${m.ttft} ms</span>` : nothing}</div>` : nothing}</div>`)}</div>
          <form @submit=${this.send}>
            <label for="prompt">Message</label>
            <textarea id="prompt" placeholder="Say something" ?disabled=${this.busy}></textarea>
            <button class="primary" ?disabled=${this.busy || !this.model}>${this.busy ? 'Streaming…' : 'Send'}</button>
          </form>
        </div>
      </div>`;
  }
}
customElements.define('mg-playground-page', PlaygroundPage);
