// The benchmark's orchestrator (started by ./bench/run, which installs what it needs): a native-speed mock
// upstream, the direct, Portkey and Modelgate targets under the same load, one table, BENCHMARKS.md.
// The gateway under test runs pinned to core 1 (taskset -c 1); the mock, wrk, this script and its streaming client
// run on core 0 (./bench/run starts this script under taskset -c 0, and every child inherits it).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import os from 'node:os';
import { writeMockConfig, MODEL } from './mock.mjs';
import { runStreams } from './stream.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const WORK = join(BENCH, 'target', 'run');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick'); // one short run of each phase: for trying the script, not for numbers
const WRITE = !args.has('--no-write') && !QUICK;
const ONLY = [...args].find((a) => a.startsWith('--only='))?.slice(7).split(',');
const RUNS = QUICK ? 1 : 3;
// Below the ephemeral range (32768-60999 on Linux): under load, client sockets take ports there. MODELGATE_BENCH_PORT
// moves the three (for a run beside another on a shared machine).
const PORT_BASE = Number(process.env.MODELGATE_BENCH_PORT ?? 28801);
const PORT = { mock: PORT_BASE, modelgate: PORT_BASE + 1, portkey: PORT_BASE + 2 };
const ADMIN_KEY = 'mg_be7c4000_benchadminkey0123456789';
const PORTKEY_DIR = join(BENCH, 'target', 'portkey');
// A run moved to other ports has a database of its own too.
const PG_DB = process.env.MODELGATE_BENCH_PORT ? `modelgate_bench_${PORT_BASE}` : 'modelgate_bench';
const T = { // seconds (and counts) per phase
  c1Warm: QUICK ? 1 : 10, c1: QUICK ? 2 : 5,
  tputWarm: QUICK ? 2 : 8, tput: QUICK ? 3 : 8,
  streamWarm: QUICK ? 3 : 30, streams: QUICK ? 5 : 20,
  // The catalog and quota phases each start a new gateway: their warm-ups are as long as c=1's, so the measured runs
  // are of compiled code (in the first 8 s of catalog GETs the JIT used 1.1 s of the gateway's only core).
  catalogWarm: QUICK ? 1 : 10, catalog: QUICK ? 2 : 5,
  quotaWarm: QUICK ? 2 : 10, quota: QUICK ? 3 : 6, quotaLimit: 3000,
};
const WARM_MAX_S = 150; // the longest warm-up of one load (warmUp)
const children = new Set();
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => { const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1] : NaN; };
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

// ---------- processes ----------
function start(name, cmd, argv, { env = {}, cwd = ROOT, core } = {}) {
  const full = core === undefined ? [cmd, argv] : ['taskset', ['-c', String(core), cmd, ...argv]];
  const out = join(WORK, `${name}.log`);
  const child = spawn(full[0], full[1], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const keep = (d) => { if (text.length < 200_000) text += d; };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', () => { children.delete(child); writeFileSync(out, text); });
  child.output = () => text;
  children.add(child);
  return child;
}
async function stop(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const t = setTimeout(() => child.kill('SIGKILL'), 40_000);
  await gone;
  clearTimeout(t);
}
function killAll() { for (const c of children) try { c.kill('SIGKILL'); } catch { /* gone */ } }
process.on('SIGINT', () => { killAll(); process.exit(130); });
process.on('SIGTERM', () => { killAll(); process.exit(143); });

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/** CPU time (user + system) the process has used, in ms: unlike wall time, barely moved by a loaded machine. */
function cpuMs(pid) {
  return statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}
/** The CPU time in ms that a /proc stat line (a process's or a thread's) gives. */
function statCpuMs(stat) {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime, stime (fields 14 and 15)
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

// ---------- HTTP helpers ----------
function request(method, url, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { 'content-type': 'application/json', ...headers } : headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
async function json(method, url, key, body) {
  const r = await request(method, url, { headers: { authorization: `Bearer ${key}` }, body });
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${r.body.slice(0, 300)}`);
  return r.body ? JSON.parse(r.body) : null;
}
/** Polls url every 10 ms until it answers 200 (or ok(body) holds); returns the ms since t0. */
async function waitFor(url, t0, { timeoutMs = 120_000, child, ok = () => true, headers = {}, every = 10 } = {}) {
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before answering ${url}:\n${child.output().slice(-3000)}`);
    try {
      const r = await request('GET', url, { headers });
      if (r.status === 200 && ok(r.body)) return performance.now() - t0;
    } catch { /* not up yet */ }
    if (performance.now() - t0 > timeoutMs) throw new Error(`no answer from ${url} in ${timeoutMs} ms`);
    await sleep(every);
  }
}

// ---------- load ----------
function wrk({ url, connections, seconds, threads = connections > 1 ? 2 : 1, headers = {}, method = 'POST', body }) {
  const env = {
    WRK_METHOD: method,
    WRK_HEADERS: Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n'),
    ...(body ? { WRK_BODY: body } : {}),
  };
  const argv = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '2s',
    '-s', join(BENCH, 'wrk.lua'), url];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
      if (!line) return reject(new Error(`wrk failed (${code}): ${out}`));
      const r = JSON.parse(line.slice(9));
      r.rps = r.requests / (r.duration_us / 1e6);
      r.errors = r.connect + r.read + r.write + r.status + r.timeout;
      resolve(r);
    });
  });
}
const chatBody = (model, stream = false) => JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'Say hello' }] });

/**
 * The warm-up before a load's measured runs, discarded: at least minSeconds of that load, then rounds of 2 s until the
 * target is in its steady state for that load, at most WARM_MAX_S in all. A JVM (threads named "C1/C2 CompilerThread")
 * is there when its JIT compilers used under 2% of the round twice in a row: on one core of this machine, a gateway
 * keeps compiling for a minute or more of c=1, and measured before that, c=1 sees the compilers' time slices on its
 * core, not the gateway. Another process (Node) is there when its CPU per request stayed within 5% twice in a row.
 * Without a pid (direct), minSeconds only. Returns the seconds it took and whether it got there.
 */
async function warmUp(pid, load, minSeconds) {
  return warmUpWith(pid, () => wrk({ ...load, seconds: minSeconds }), async () => (await wrk({ ...load, seconds: 2 })).requests);
}

/**
 * warmUp's rounds for any load: first() once (the minimum), then round() (about 2 s of the load, resolving to the
 * requests it made) until the target is steady.
 */
async function warmUpWith(pid, first, round) {
  const t0 = performance.now();
  await first();
  if (!pid || QUICK) return { seconds: (performance.now() - t0) / 1000, settled: !pid };
  const jvm = compilerCpuMs(pid) !== null;
  let before = NaN, steady = 0, what = '';
  while ((performance.now() - t0) / 1000 < WARM_MAX_S && steady < 2) {
    const cpu0 = cpuMs(pid), jit0 = compilerCpuMs(pid), w0 = performance.now();
    const requests = await round();
    const perRequest = (cpuMs(pid) - cpu0) / Math.max(1, requests);
    if (jvm) {
      const share = (compilerCpuMs(pid) - jit0) / (performance.now() - w0);
      steady = share < 0.02 ? steady + 1 : 0;
      what = `JIT at ${(share * 100).toFixed(1)}% of the core, ${(perRequest * 1000).toFixed(0)} µs of CPU a request`;
    } else {
      steady = Math.abs(perRequest - before) <= 0.05 * before ? steady + 1 : 0;
      what = `${(perRequest * 1000).toFixed(0)} µs of CPU a request`;
    }
    before = perRequest;
  }
  const seconds = (performance.now() - t0) / 1000;
  log(`  warm-up: ${seconds.toFixed(0)} s, ${steady >= 2 ? 'steady' : 'NOT steady'}: ${what}`);
  return { seconds, settled: steady >= 2 };
}

/** CPU time (ms) of a JVM's JIT compiler threads, or null when the process has none (not a HotSpot JVM). */
function compilerCpuMs(pid) {
  let total = null;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      if (!/^\d+ \(C[12] CompilerThre/.test(stat)) continue;
      total = (total ?? 0) + statCpuMs(stat);
    } catch { /* the thread ended */ }
  }
  return total;
}

/** The warm-ups' lengths, for the Warm-up line: "Portkey 1.15.2 c=1 18 s, c=256 16 s, streams —; Modelgate ..." */
function warmText(res) {
  const one = (w) => (w ? `${Math.round(w.seconds)} s${w.settled ? '' : ' (not settled)'}` : '—');
  const parts = [res.portkey, res.modelgate].filter((x) => x?.raw?.warm)
    .map((x) => `${x.name} c=1 ${one(x.raw.warm.c1)}, c=256 ${one(x.raw.warm.tput)}, streams ${one(x.raw.warm.streams)}`);
  return parts.length ? parts.join('; ') : 'none measured';
}

/** c=1 latency, throughput at c=256 on the 20 ms upstream, a stream at a time: warm-up discarded, RUNS runs. */
async function requestPath(name, t, extra = async () => {}) {
  const r = { name, c1: [], tput: [], streams: [], warm: {} };
  log(`${name}: c=1 against the immediate upstream`);
  r.warm.c1 = await warmUp(t.pid, { url: t.url, connections: 1, headers: t.headers, body: chatBody(t.fast) }, T.c1Warm);
  for (let i = 0; i < RUNS; i++) r.c1.push(await wrk({ url: t.url, connections: 1, seconds: T.c1, headers: t.headers, body: chatBody(t.fast) }));
  log(`${name}: c=256 against the 20 ms upstream`);
  r.warm.tput = await warmUp(t.pid, { url: t.url, connections: 256, headers: t.headers, body: chatBody(t.slow) }, T.tputWarm);
  for (let i = 0; i < RUNS; i++) r.tput.push(await wrk({ url: t.url, connections: 256, seconds: T.tput, headers: t.headers, body: chatBody(t.slow) }));
  if (t.pid) r.rssAfterLoad = rssMb(t.pid);
  log(`${name}: streams, one at a time`);
  const s = { url: t.url, headers: t.headers, body: chatBody(t.stream, true) };
  r.warm.streams = await warmUpWith(t.pid, () => runStreams({ ...s, count: T.streamWarm }), async () => {
    await runStreams({ ...s, count: 6 }); // 32 chunks 10 ms apart: about 2 s
    return 6;
  });
  for (let i = 0; i < RUNS; i++) r.streams.push(await runStreams({ ...s, count: T.streams }));
  await extra(r);
  return summarize(r);
}
function summarize(r) {
  const m = (xs, f) => median(xs.map(f));
  const ok = r.streams.filter((s) => s.errors === 0);
  return {
    name: r.name,
    c1p50: m(r.c1, (x) => x.p50 / 1000), c1p99: m(r.c1, (x) => x.p99 / 1000), c1rps: m(r.c1, (x) => x.rps),
    c1errors: r.c1.reduce((a, x) => a + x.errors, 0),
    rps: m(r.tput, (x) => x.rps), tputP99: m(r.tput, (x) => x.p99 / 1000),
    tputErrors: r.tput.reduce((a, x) => a + x.errors, 0), tputTimeouts: r.tput.reduce((a, x) => a + x.timeout, 0),
    rssAfterLoad: r.rssAfterLoad,
    streamFailed: ok.length === 0 ? Object.keys(r.streams[0]?.statuses ?? {}).join('/') : null,
    ttfcP50: m(ok, (x) => x.ttfc.p50), ttfcP99: m(ok, (x) => x.ttfc.p99),
    gapP50: m(ok, (x) => x.gap.p50), gapP99: m(ok, (x) => x.gap.p99), gapMax: m(ok, (x) => x.gap.max),
    raw: r,
  };
}

// ---------- targets ----------
async function startMock() {
  const dir = join(WORK, 'mock');
  const conf = writeMockConfig(dir, PORT.mock);
  const child = start('nginx', 'nginx', ['-c', conf, '-p', dir], { core: 0 });
  await waitFor(`http://127.0.0.1:${PORT.mock}/fast/v1/models`, performance.now(), { child, timeoutMs: 10_000 });
  return child;
}

async function runDirect() {
  // The same phases as a gateway, each against the URL of its behaviour.
  const base = `http://127.0.0.1:${PORT.mock}`;
  const d = { urls: { fast: `${base}/fast/v1/chat/completions`, slow: `${base}/slow/v1/chat/completions`, stream: `${base}/stream/v1/chat/completions` } };
  const r = { name: 'direct to the mock', c1: [], tput: [], streams: [] };
  log('direct: c=1');
  await wrk({ url: d.urls.fast, connections: 1, seconds: T.c1Warm, body: chatBody(MODEL) });
  for (let i = 0; i < RUNS; i++) r.c1.push(await wrk({ url: d.urls.fast, connections: 1, seconds: T.c1, body: chatBody(MODEL) }));
  log('direct: c=256');
  await wrk({ url: d.urls.slow, connections: 256, seconds: T.tputWarm, body: chatBody(MODEL) });
  for (let i = 0; i < RUNS; i++) r.tput.push(await wrk({ url: d.urls.slow, connections: 256, seconds: T.tput, body: chatBody(MODEL) }));
  log('direct: streams');
  const s = { url: d.urls.stream, body: chatBody(MODEL, true) };
  await runStreams({ ...s, count: T.streamWarm });
  for (let i = 0; i < RUNS; i++) r.streams.push(await runStreams({ ...s, count: T.streams }));
  return summarize(r);
}

async function ensurePortkey() {
  const entry = join(PORTKEY_DIR, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
  if (!existsSync(entry)) {
    log('installing @portkey-ai/gateway@1.15.2 into bench/target/portkey');
    mkdirSync(PORTKEY_DIR, { recursive: true });
    execFileSync('npm', ['install', '--prefix', PORTKEY_DIR, '--no-audit', '--no-fund', '--silent', '@portkey-ai/gateway@1.15.2'], { stdio: 'inherit' });
  }
  return entry;
}

async function runPortkey() {
  const entry = await ensurePortkey();
  const t0 = performance.now();
  const child = start('portkey', process.execPath, [entry, `--port=${PORT.portkey}`, '--headless'], { core: 1, env: { NODE_ENV: 'production' } });
  try {
    await waitFor(`http://127.0.0.1:${PORT.portkey}/`, t0, { child });
    const mock = `http://127.0.0.1:${PORT.mock}`;
    // Portkey routes by headers; the custom host picks the mock's behaviour, so each load sends its own.
    const h = (path) => ({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock}/${path}/v1`, authorization: 'Bearer sk-bench' });
    const url = `http://127.0.0.1:${PORT.portkey}/v1/chat/completions`;
    const r = { name: 'Portkey 1.15.2', c1: [], tput: [], streams: [], warm: {} };
    log('portkey: c=1');
    r.warm.c1 = await warmUp(child.pid, { url, connections: 1, headers: h('fast'), body: chatBody(MODEL) }, T.c1Warm);
    for (let i = 0; i < RUNS; i++) r.c1.push(await wrk({ url, connections: 1, seconds: T.c1, headers: h('fast'), body: chatBody(MODEL) }));
    log('portkey: c=256');
    r.warm.tput = await warmUp(child.pid, { url, connections: 256, headers: h('slow'), body: chatBody(MODEL) }, T.tputWarm);
    for (let i = 0; i < RUNS; i++) r.tput.push(await wrk({ url, connections: 256, seconds: T.tput, headers: h('slow'), body: chatBody(MODEL) }));
    r.rssAfterLoad = rssMb(child.pid);
    log('portkey: streams');
    const s = { url, headers: h('stream'), body: chatBody(MODEL, true) };
    for (let i = 0; i < RUNS; i++) r.streams.push(await runStreams({ ...s, count: QUICK ? 2 : 5 }));
    return summarize(r);
  } finally {
    await stop(child);
  }
}

function modelgateYaml(providers) {
  return 'providers:\n' + providers.map((p) => `  - id: ${p}\n    kind: openai-compatible\n    base_url: http://127.0.0.1:${PORT.mock}/${p}/v1\n    approval: auto-enable\n`).join('');
}
/** Starts `./modelgate serve` on core 1; resolves when /health/ready answers, with the time it took. */
async function startModelgate(name, { home, providers, env = {}, port = PORT.modelgate }) {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'modelgate.yaml'), modelgateYaml(providers));
  const t0 = performance.now();
  const child = start(name, join(ROOT, 'modelgate'), ['serve'], {
    core: 1, cwd: home,
    env: { MODELGATE_HOME: home, MODELGATE_CONFIG: join(home, 'modelgate.yaml'), MODELGATE_DEMO: 'off',
      MODELGATE_ADMIN_KEY: ADMIN_KEY, MODELGATE_HOST: '127.0.0.1', MODELGATE_PORT: String(port), ...env },
  });
  const readyMs = await waitFor(`http://127.0.0.1:${port}/health/ready`, t0, { child, every: 5 });
  return { child, readyMs, readyCpuMs: cpuMs(child.pid) };
}
const mgUrl = (path) => `http://127.0.0.1:${PORT.modelgate}${path}`;
async function memberKey(name) {
  const user = await json('POST', mgUrl('/api/admin/users'), ADMIN_KEY, { name, role: 'member' });
  const key = await json('POST', mgUrl(`/api/admin/users/${user.id}/keys`), ADMIN_KEY, { name });
  return { user: user.id, key: key.key };
}
async function waitForModels(key, n) {
  const t0 = performance.now();
  await waitFor(mgUrl('/v1/models'), t0, { headers: { authorization: `Bearer ${key}` }, every: 250,
    ok: (b) => JSON.parse(b).data.length >= n });
}

async function runModelgate() {
  const home = join(WORK, 'modelgate-h2');
  rmSync(home, { recursive: true, force: true });
  const providers = ['fast', 'slow', 'stream', 'long'];
  let { child, readyMs: firstStartMs } = await startModelgate('modelgate', { home, providers });
  let result;
  try {
    const { key } = await memberKey('bench');
    await waitForModels(key, providers.length);
    const t = { url: mgUrl('/v1/chat/completions'), headers: { authorization: `Bearer ${key}` }, pid: child.pid,
      fast: 'fast:gpt-bench', slow: 'slow:gpt-bench', stream: 'stream:gpt-bench' };
    result = await requestPath('Modelgate', t, async (r) => {
      log('modelgate: 750 concurrent streams (32 chunks 100 ms apart)');
      let peak = 0, inFlightPeak = 0, maxInFlight = 0;
      const s = await runStreams({ url: t.url, headers: t.headers, body: chatBody('long:gpt-bench', true),
        concurrency: 750, count: 750, onTick: (inFlight) => {
          const m = rssMb(child.pid);
          peak = Math.max(peak, m);
          maxInFlight = Math.max(maxInFlight, inFlight);
          if (inFlight >= 0.95 * 750) inFlightPeak = Math.max(inFlightPeak, m); // all (or nearly all) streams open
        } });
      r.streams750 = { rssPeak: peak, rssInFlight: inFlightPeak || peak, maxInFlight, errors: s.errors, statuses: s.statuses, ttfcP50: s.ttfc.p50, gapP99: s.gap.p99 };
    });
    result.streams750 = result.raw.streams750;
  } finally {
    await stop(child);
  }
  log('modelgate: start-up to /health/ready (embedded H2), restarts');
  const starts = [], startsCpu = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await startModelgate('modelgate-restart', { home, providers });
    starts.push(s.readyMs);
    startsCpu.push(s.readyCpuMs);
    await stop(s.child);
  }
  result.firstStartMs = firstStartMs;
  result.startMs = median(starts);
  result.starts = starts;
  result.startCpuMs = median(startsCpu);
  return result;
}

async function runCatalog() {
  const home = join(WORK, 'modelgate-catalog');
  rmSync(home, { recursive: true, force: true });
  const { child } = await startModelgate('modelgate-catalog', { home, providers: ['big'] });
  try {
    log('catalog: waiting for 10,000 models to be discovered and enabled');
    await waitForModels(ADMIN_KEY, 10_000);
    const { key } = await memberKey('catalog');
    const out = {};
    for (const path of ['/v1/models', '/ai/models']) {
      const headers = { authorization: `Bearer ${key}` };
      const probe = await request('GET', mgUrl(path), { headers });
      const count = (JSON.parse(probe.body).data ?? JSON.parse(probe.body).models ?? []).length;
      log(`catalog: GET ${path} (${count} entries, ${(probe.body.length / 1e6).toFixed(1)} MB), c=1`);
      await wrk({ url: mgUrl(path), method: 'GET', connections: 1, seconds: T.catalogWarm, headers });
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await wrk({ url: mgUrl(path), method: 'GET', connections: 1, seconds: T.catalog, headers }));
      out[path] = { entries: count, bytes: probe.body.length, p50: median(runs.map((x) => x.p50 / 1000)), p99: median(runs.map((x) => x.p99 / 1000)), errors: runs.reduce((a, x) => a + x.errors, 0) };
    }
    out.rss = rssMb(child.pid);
    return out;
  } finally {
    await stop(child);
  }
}

async function runQuota() {
  const psql = (sql) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qAt', '-c', sql], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  psql(`DROP DATABASE IF EXISTS ${PG_DB}`);
  psql(`CREATE DATABASE ${PG_DB}`);
  const home = join(WORK, 'modelgate-pg');
  rmSync(home, { recursive: true, force: true });
  const { child } = await startModelgate('modelgate-pg', { home, providers: ['fast'],
    env: { MODELGATE_DB_URL: `jdbc:postgresql://127.0.0.1:5432/${PG_DB}?user=postgres` } });
  try {
    const a = await memberKey('quota-rps');
    await waitForModels(a.key, 1);
    // A limit that the run does not reach: every call reserves against it and settles.
    await json('PUT', mgUrl(`/api/admin/quotas/user/${a.user}`), ADMIN_KEY, { requests_per_day: 100_000_000 });
    const headers = { authorization: `Bearer ${a.key}` };
    log('quota (PostgreSQL): c=64 with a requests-per-day limit on the caller');
    await wrk({ url: mgUrl('/v1/chat/completions'), connections: 64, seconds: T.quotaWarm, headers, body: chatBody('fast:gpt-bench') });
    // Transactions the database committed per request in the measured runs: unlike the rate, not moved by a loaded
    // machine (PostgreSQL publishes its counters within a second of a backend going idle, hence the waits).
    const xacts = () => Number(psql(`SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '${PG_DB}'`).trim());
    await sleep(1500);
    const xactsBefore = xacts();
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await wrk({ url: mgUrl('/v1/chat/completions'), connections: 64, seconds: T.quota, headers, body: chatBody('fast:gpt-bench') }));
    await sleep(1500);
    const xactsPerRequest = (xacts() - xactsBefore) / runs.reduce((a, x) => a + x.requests, 0);
    log(`quota (PostgreSQL): ${xactsPerRequest.toFixed(2)} database transactions per request`);
    // A limit the run goes past: exactly the limit is served, the rest refused.
    // The limit is what the measured rate serves in about 2 s (at most T.quotaLimit), so the 5 s run goes past it.
    const rate = median(runs.map((x) => x.rps));
    const limit = Math.min(T.quotaLimit, Math.max(100, Math.round(rate * 2)));
    const b = await memberKey('quota-exact');
    await json('PUT', mgUrl(`/api/admin/quotas/user/${b.user}`), ADMIN_KEY, { requests_per_day: limit });
    log(`quota (PostgreSQL): ${limit} requests per day, c=64 past it`);
    const past = await wrk({ url: mgUrl('/v1/chat/completions'), connections: 64, seconds: QUICK ? 3 : 5, headers: { authorization: `Bearer ${b.key}` }, body: chatBody('fast:gpt-bench') });
    const served = past.requests - past.errors;
    const view = await json('GET', mgUrl(`/api/admin/quotas/user/${b.user}`), ADMIN_KEY);
    const used = view.usage?.find((u) => u.limit === 'requests_per_day')?.used;
    return { rps: median(runs.map((x) => x.rps)), p99: median(runs.map((x) => x.p99 / 1000)), errors: runs.reduce((a, x) => a + x.errors, 0), xactsPerRequest,
      limit, attempted: past.requests, served, refused: past.status, otherErrors: past.errors - past.status, used };
  } finally {
    await stop(child);
    try { psql(`DROP DATABASE IF EXISTS ${PG_DB}`); } catch { /* left for the next run */ }
  }
}

// ---------- report ----------
const ms = (x, d = 2) => (Number.isFinite(x) ? (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(d)} ms`) : '—');
const num = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const mb = (x) => (Number.isFinite(x) ? `${Math.round(x)} MB` : '—');

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  // nginx -v prints on stderr, wrk -v on stdout and exits 1: take the first line of either.
  const ver = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')[0].trim();
  };
  const java = (() => { try { return execFileSync('bash', ['-c', `. "${ROOT}/scripts/find-jdk.sh" && modelgate_find_jdk && "$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p`]).toString().trim(); } catch { return 'unknown'; } })();
  return { cpu, cores: os.cpus().length, memGb: (os.totalmem() / 2 ** 30).toFixed(1), kernel: os.release(), java,
    node: process.version, nginx: ver('nginx', ['-v']), wrk: ver('wrk', ['-v']) };
}

function report(res, m, started, loads) {
  const d = res.direct, p = res.portkey, g = res.modelgate;
  const rows = [];
  rows.push('| target | c=1 p50 | c=1 p99 | RPS at c=256, 20 ms upstream | its p99 | errors | RSS after load | streaming added time to first chunk p50 | inter-chunk gap p99 (upstream: 10 ms) |');
  rows.push('|---|---|---|---|---|---|---|---|---|');
  const line = (r) => {
    if (!r) return;
    const stream = r === d ? `— (TTFC ${ms(d.ttfcP50)})`
      : r.streamFailed ? `fails (HTTP ${r.streamFailed}${r.name.startsWith('Portkey') ? ' on Node ' + process.versions.node.split('.')[0] : ''})`
        : d ? ms(r.ttfcP50 - d.ttfcP50) : ms(r.ttfcP50);
    const gap = r.streamFailed ? '—' : ms(r.gapP99);
    const errs = r.tputErrors ? `${num(r.tputErrors)}${r.tputTimeouts ? ` (${num(r.tputTimeouts)} timeouts)` : ''}` : '0';
    rows.push(`| ${r.name} | ${ms(r.c1p50, 3)} | ${ms(r.c1p99)} | ${num(r.rps)} | ${ms(r.tputP99, 1)} | ${errs} | ${r === d ? '—' : mb(r.rssAfterLoad)} | ${stream} | ${gap} |`);
  };
  line(d); line(p); line(g);
  const table = rows.join('\n');

  const extra = [];
  if (g) {
    if (g.streams750) extra.push(`| RSS with 750 concurrent streams in flight | ${mb(g.streams750.rssInFlight)} while ≥ 713 were open (peak ${mb(g.streams750.rssPeak)}; at most ${num(g.streams750.maxInFlight)} open at once; ${num(g.streams750.errors)} failed) |`);
    extra.push(`| start-up to /health/ready, embedded H2 | ${ms(g.startMs, 0)} (median of restarts ${g.starts.map((x) => x.toFixed(0)).join(', ')} ms; first start with a new database ${ms(g.firstStartMs, 0)}); CPU used until ready ${ms(g.startCpuMs, 0)} |`);
  }
  if (res.catalog) {
    for (const path of ['/v1/models', '/ai/models']) {
      const c = res.catalog[path];
      extra.push(`| \`${path}\` over ${num(c.entries)} models, c=1 | p50 ${ms(c.p50)}, p99 ${ms(c.p99)} (${(c.bytes / 1e6).toFixed(1)} MB a response${c.errors ? `, ${c.errors} errors` : ''}) |`);
    }
    extra.push(`| RSS after the catalog runs | ${mb(res.catalog.rss)} |`);
  }
  if (res.quota) {
    const q = res.quota;
    extra.push(`| requests-per-day limit on the caller, PostgreSQL, c=64 | ${num(q.rps)} RPS, p99 ${ms(q.p99, 1)}${q.errors ? `, ${q.errors} errors` : ''}; ${Number.isFinite(q.xactsPerRequest) ? q.xactsPerRequest.toFixed(2) : '—'} database transactions a request |`);
    extra.push(`| the same past a limit of ${num(q.limit)} | ${num(q.served)} served of ${num(q.attempted)} sent, ${num(q.refused)} refused${q.otherErrors ? `, ${q.otherErrors} other errors` : ''}; the quota says ${num(q.used)} used |`);
  }
  const more = extra.length ? ['| measure (Modelgate) | result |', '|---|---|', ...extra].join('\n') : '';

  const targets = [];
  const check = (what, value, goal, met, by) => targets.push(`| ${what} | ${value} | ${goal} | ${met === undefined ? '—' : met ? 'met' : `**missed**${by ? ` (${by})` : ''}`} |`);
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN);
  if (g && d) {
    const a50 = g.c1p50 - d.c1p50, a99 = g.c1p99 - d.c1p99;
    check('added latency c=1 p50', ms(a50, 3), '≤ 0.2 ms', a50 <= 0.2, `${(a50 / 0.2).toFixed(1)}× the target`);
    check('added latency c=1 p99', a99 < 0 ? `${ms(g.c1p99)} vs direct's ${ms(d.c1p99)} (noise: direct's own p99 was higher)` : ms(a99),
      '≤ 1 ms', a99 < 0 ? undefined : a99 <= 1, `${(a99 / 1).toFixed(1)}× the target`);
    check('RPS at c=256, 20 ms upstream', num(g.rps), '≥ 5,000', g.rps >= 5000, `${(100 * g.rps / 5000).toFixed(0)}% of it`);
    check('its errors', num(g.tputErrors), '0', g.tputErrors === 0);
    check('its p99', ms(g.tputP99, 1), '≤ 40 ms', g.tputP99 <= 40, `${(g.tputP99 / 40).toFixed(1)}× the target`);
    if (!g.streamFailed) {
      const at = g.ttfcP50 - d.ttfcP50;
      check('streaming added TTFC p50', ms(at), '≤ 0.5 ms', at <= 0.5, `${(at / 0.5).toFixed(1)}× the target`);
      check('inter-chunk gap p99 (direct: ' + ms(d.gapP99) + ')', ms(g.gapP99), 'as the upstream\'s (≤ direct + 1 ms)', g.gapP99 <= d.gapP99 + 1, `${ms(g.gapP99 - d.gapP99)} more`);
    }
    check('RSS after the throughput run', mb(g.rssAfterLoad), '≤ 150 MB', g.rssAfterLoad <= 150, `${mb(g.rssAfterLoad - 150)} over`);
    if (g.streams750) check('RSS with 750 streams in flight', mb(g.streams750.rssInFlight), '≤ 150 MB', g.streams750.rssInFlight <= 150, `${mb(g.streams750.rssInFlight - 150)} over`);
    check('start-up to /health/ready (H2)', `${ms(g.startMs, 0)} (CPU used: ${ms(g.startCpuMs, 0)})`, '≤ 1.5 s', g.startMs <= 1500, `${((g.startMs) / 1000).toFixed(2)} s`);
  }
  if (res.catalog) {
    for (const path of ['/v1/models', '/ai/models']) {
      const c = res.catalog[path];
      check(`\`${path}\` p99 over 10,000 models`, ms(c.p99), '≤ 5 ms', c.p99 <= 5, `${(c.p99 / 5).toFixed(0)}× the target`);
    }
  }
  if (res.quota) {
    const q = res.quota;
    check('RPS with a requests-per-day limit (PostgreSQL)', num(q.rps), '≥ 2,000', q.rps >= 2000, `${(100 * q.rps / 2000).toFixed(0)}% of it`);
    check('exactly the limit served', `${num(q.served)} served, ${num(q.used)} counted, limit ${num(q.limit)}${q.refused ? '' : ' (never reached)'}`,
      'served = counted = the limit', q.refused > 0 && q.served === q.limit && q.used === q.limit && q.otherErrors === 0);
  }
  if (g && p && d) {
    const rr = ratio(g.rps, p.rps);
    check('RPS against Portkey', `${rr.toFixed(2)}×`, '≥ 5×', rr >= 5);
    const ar = ratio(g.c1p50 - d.c1p50, p.c1p50 - d.c1p50);
    check('added p50 against Portkey\'s', `${ar.toFixed(2)}×`, '≤ 0.2×', ar <= 0.2);
    const mr = ratio(g.rssAfterLoad, p.rssAfterLoad);
    check('RSS against Portkey\'s', `${mr.toFixed(2)}×`, '≤ 0.75×', mr <= 0.75);
  }
  const goals = ['| target | measured | goal | |', '|---|---|---|---|', ...targets].join('\n');
  return { table, more, goals, text: `${table}\n\n${more}\n\n${goals}\n` };
}

function markdown(rep, m, started, finished, loads, res) {
  return `# Benchmarks

Measured by \`./bench/run\` (the mock upstream, the loads and the table: \`bench/\`; it is not part of the test
suite). Numbers are real measurements of one run of the script; re-run it to get yours.

- **Date**: ${started.toISOString().slice(0, 16).replace('T', ' ')} – ${finished.toISOString().slice(11, 16)} UTC
- **Machine**: ${m.cpu}, ${m.cores} cores, ${m.memGb} GiB RAM, Linux ${m.kernel}
- **Software**: ${m.java}; Node ${m.node}; ${m.nginx}; ${m.wrk}
- **Load average** (1, 5, 15 min) before: ${loads.before}; after: ${loads.after}${loads.note ? ` — ${loads.note}` : ''}
- **Commit**: ${res.commit}
- **Set-up**: the gateway under test pinned to core 1 (\`taskset -c 1\`); nginx (the mock, one worker), wrk, the
  streaming client and the script on core 0. The mock is nginx with the echo module: \`/fast\` answers a ~1 KB chat
  completion at once, \`/slow\` the same after 20 ms, \`/stream\` sends 32 SSE chunks 10 ms apart (\`/long\`: 100 ms
  apart, for the 750-stream memory reading), \`/big\` lists 10,000 models. Modelgate: \`./modelgate serve\` with its
  launcher's JVM defaults, an \`openai-compatible\` provider per behaviour (\`approval: auto-enable\`), a member's
  gateway key, the usage log on (every call's usage record written), embedded H2 unless said otherwise. Portkey:
  \`@portkey-ai/gateway\` 1.15.2 from npm under Node ${process.versions.node}, \`NODE_ENV=production\`, routed with
  \`x-portkey-provider: openai\` and \`x-portkey-custom-host\`.
- **Method**: each measure has a warm-up run that is discarded, then ${RUNS} runs; the table shows the median of the
  runs. c=1: wrk, 1 connection, ${T.c1} s a run. Throughput: wrk, 2 threads, 256 connections, ${T.tput} s a run,
  2 s timeout. Streams: one at a time, ${T.streams} a run; time to first chunk is from sending the request to the
  first chunk carrying content; "added" is the gateway's minus direct's. Catalog: wrk GET at c=1, ${T.catalog} s a
  run. Start-up: from starting \`./modelgate serve\` to the first 200 of \`/health/ready\` (polled every 5 ms), on
  restarts of the same data directory.
- **Warm-up**: at least ${T.c1Warm} s of c=1, ${T.tputWarm} s of c=256 and ${T.streamWarm} streams, then rounds of
  about 2 s of the same load until the gateway is steady: Modelgate's JIT compilers used under 2% of two rounds in a
  row, Portkey's CPU per request stayed within 5% twice in a row; at most ${WARM_MAX_S} s. This run: ${warmText(res)}.

## Commands

\`\`\`sh
./bench/run              # everything below, then writes this file (about 7-12 minutes)
./bench/run --quick      # one short run of each phase, prints the table, writes nothing
./bench/run --only=direct,modelgate   # phases: direct, portkey, modelgate, catalog, quota
./bench/run --jmh        # the JMH benchmarks of the hot functions instead (bench/jmh)
\`\`\`

## Side by side

${rep.table}

## Beyond the request path

${rep.more}

## Targets (issue 14)

${rep.goals}
${kept()}`;
}

// What follows this heading in BENCHMARKS.md is written by hand (findings, profiles) and kept by every run.
const KEPT = '## Notes (kept across runs)';
function kept() {
  const file = join(ROOT, 'BENCHMARKS.md');
  if (!existsSync(file)) return '';
  const old = readFileSync(file, 'utf8');
  const at = old.indexOf(KEPT);
  return at < 0 ? '' : `\n${old.slice(at)}`;
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  const started = new Date();
  const loads = { before: loadavg() };
  const want = (p) => !ONLY || ONLY.includes(p);
  log(`load average ${loads.before}; ${RUNS} run(s) a measure`);
  const mock = await startMock();
  const res = {};
  try {
    res.commit = execFileSync('git', ['-C', ROOT, 'log', '-1', '--format=%h %s']).toString().trim().slice(0, 120);
    if (want('direct')) res.direct = await runDirect();
    if (want('portkey')) res.portkey = await runPortkey();
    if (want('modelgate')) res.modelgate = await runModelgate();
    if (want('catalog')) res.catalog = await runCatalog();
    if (want('quota')) res.quota = await runQuota();
  } finally {
    await stop(mock, 'SIGQUIT');
    killAll();
  }
  loads.after = loadavg();
  const finished = new Date();
  const m = machine();
  const rep = report(res, m, started, loads);
  console.log(`\n${rep.text}`);
  console.log(`load average before ${loads.before}, after ${loads.after}`);
  writeFileSync(join(WORK, 'results.json'), JSON.stringify({ started, finished, machine: m, loads, res }, (k, v) => (k === 'raw' ? undefined : v), 2));
  if (WRITE) {
    writeFileSync(join(ROOT, 'BENCHMARKS.md'), markdown(rep, m, started, finished, loads, res));
    log('wrote BENCHMARKS.md');
  }
}

main().catch((e) => { console.error(e); killAll(); process.exit(1); });
