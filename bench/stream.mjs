// The streaming client: opens chat-completion streams and measures, per stream, the time from sending the request
// to the first chunk that carries content (TTFC) and the gaps between content chunks. Concurrency c: c workers,
// each opening streams one after another until `count` streams are done (or `seconds` pass).
import http from 'node:http';

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms, sub-µs resolution

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function oneStream(agent, url, headers, body) {
  return new Promise((resolve) => {
    const start = now();
    let first = NaN, last = NaN, buf = '', chunks = 0, done = false;
    const gaps = [];
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', () => resolve({ ok: false, status: res.statusCode }));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (d) => {
        const t = now();
        buf += d;
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line.startsWith('data:')) continue;
          const payload = line.slice(5).trim();
          if (payload === '[DONE]') { done = true; continue; }
          let content = '';
          try { content = JSON.parse(payload).choices?.[0]?.delta?.content ?? ''; } catch { /* not JSON */ }
          if (!content) continue;
          chunks++;
          if (Number.isNaN(first)) first = t - start; else gaps.push(t - last);
          last = t;
        }
      });
      res.on('end', () => resolve({ ok: done && chunks > 0, status: res.statusCode, ttfc: first, gaps, chunks }));
      res.on('error', () => resolve({ ok: false, status: 'error' }));
    });
    req.on('error', (e) => resolve({ ok: false, status: e.code || 'error' }));
    req.end(body);
  });
}

/**
 * Runs streams; returns { streams, errors, statuses, ttfc: {p50,p99}, gap: {p50,p99,max}, chunks }.
 * onTick(inFlight) is called every 100 ms while it runs (for memory sampling).
 */
export async function runStreams({ url, headers = {}, body, concurrency = 1, count = 20, seconds = 0, onTick }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const ttfcs = [], gaps = [], statuses = {};
  let started = 0, errors = 0, streams = 0, chunks = 0, inFlight = 0;
  const deadline = seconds > 0 ? now() + seconds * 1000 : Infinity;
  const tick = onTick ? setInterval(() => onTick(inFlight), 100) : null;
  async function worker() {
    while ((seconds > 0 ? now() < deadline : started < count)) {
      started++;
      inFlight++;
      const r = await oneStream(agent, url, headers, body);
      inFlight--;
      streams++;
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (!r.ok) { errors++; continue; }
      ttfcs.push(r.ttfc);
      for (const g of r.gaps) gaps.push(g);
      chunks += r.chunks;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (tick) clearInterval(tick);
  agent.destroy();
  ttfcs.sort((a, b) => a - b);
  gaps.sort((a, b) => a - b);
  return {
    streams, errors, statuses, chunks,
    ttfc: { p50: percentile(ttfcs, 50), p99: percentile(ttfcs, 99) },
    gap: { p50: percentile(gaps, 50), p99: percentile(gaps, 99), max: gaps.length ? gaps[gaps.length - 1] : NaN },
  };
}

// Standalone: node stream.mjs URL [concurrency] [count] [header: value]...
if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, c = '1', n = '20', ...hs] = process.argv.slice(2);
  const headers = Object.fromEntries(hs.map((h) => h.split(/:\s*/, 2)));
  const body = JSON.stringify({ model: 'gpt-bench', stream: true, messages: [{ role: 'user', content: 'Say hello' }] });
  runStreams({ url, headers, body, concurrency: +c, count: +n }).then((r) => console.log(JSON.stringify(r)));
}
