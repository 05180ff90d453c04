// Reads a server-sent event stream with fetch, so that it can carry an Authorization header (EventSource cannot)
// and resume with Last-Event-ID after a drop. Reconnects with a growing delay until stopped.

export interface SseEvent { id: string | null; event: string; data: string }

export function subscribe(url: string, headers: Record<string, string>, onEvent: (e: SseEvent) => void,
    credentials: RequestCredentials = 'same-origin'): () => void {
  let lastId: string | null = null;
  let stopped = false;
  let controller: AbortController | null = null;
  let delay = 1000;

  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const h: Record<string, string> = { Accept: 'text/event-stream', ...headers };
        if (lastId) h['Last-Event-ID'] = lastId;
        const res = await fetch(url, { headers: h, signal: controller.signal, credentials, cache: 'no-store' });
        if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
        delay = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const e: SseEvent = { id: null, event: 'message', data: '' };
            const data: string[] = [];
            for (const line of frame.split('\n')) {
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id') e.id = val;
              else if (field === 'event') e.event = val;
              else if (field === 'data') data.push(val);
            }
            if (e.id) lastId = e.id;
            if (data.length) {
              e.data = data.join('\n');
              onEvent(e);
            }
          }
        }
      } catch {
        // dropped or refused: wait, then resume from the last id seen
      }
      if (stopped) break;
      await new Promise(r => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
