// The console's browser test: Debian's Chromium driven by playwright-core against a running Modelgate with fake
// upstreams (started by ConsoleBrowserTest, which passes the addresses and the admin key as one JSON argument).
// Each step leaves a screenshot in <out>/; every page is scanned with axe-core at 390 and 1440 px; the bundle
// sizes and the 2,000-model timings are written to <out>/report.json. Prints ALL PASSED and exits 0 when every
// check held.
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const cfg = JSON.parse(process.argv[2]);
const { base, adminKey, out } = cfg;
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const report = { steps: [], axe: {}, bundles: {}, timings: {} };
const failures = [];
let shot = 0;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function step(name, page, fn) {
  const started = Date.now();
  try {
    await fn();
    report.steps.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name}`);
  } catch (e) {
    failures.push(`${name}: ${e.message}`);
    report.steps.push({ name, ok: false, error: e.message });
    console.log(`FAIL ${name}: ${e.stack ?? e.message}`);
  } finally {
    if (page) {
      const file = `${String(++shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
      await page.screenshot({ path: join(out, file), fullPage: false }).catch(() => {});
    }
  }
}

async function api(method, path, key, body) {
  const res = await fetch(base + path, {
    method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Where a secret might end up in the browser: storages, readable cookies, caches, the page (shadow roots too). */
async function secretsInBrowser(page, secrets) {
  return page.evaluate(async (secrets) => {
    const places = [];
    const storages = [['localStorage', localStorage], ['sessionStorage', sessionStorage]];
    for (const [name, s] of storages) {
      for (let i = 0; i < s.length; i++) places.push([name, s.key(i) + '=' + s.getItem(s.key(i))]);
    }
    places.push(['document.cookie', document.cookie]);
    if (indexedDB.databases) {
      for (const db of await indexedDB.databases()) places.push(['indexedDB', db.name ?? '']);
    }
    if (self.caches) places.push(['caches', (await caches.keys()).join(' ')]);
    const walk = (root) => {
      let text = root.textContent ?? '';
      for (const el of root.querySelectorAll('*')) {
        if ('value' in el && typeof el.value === 'string') text += ' ' + el.value;
        for (const a of el.attributes) text += ' ' + a.value;
        if (el.shadowRoot) text += ' ' + walk(el.shadowRoot);
      }
      return text;
    };
    places.push(['page', walk(document)]);
    const hits = [];
    for (const [where, text] of places) {
      for (const s of secrets) if (s && text.includes(s)) hits.push(where);
      if (where === 'document.cookie' && text.includes('mg_session')) hits.push('session cookie readable by script');
    }
    return hits;
  }, secrets);
}

async function axe(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
  });
  report.axe[label] = result;
  const bad = result.filter(v => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, `axe (${label}): ${JSON.stringify(bad)}`);
}

async function noHorizontalScroll(page, width) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  check(scroll <= width + 1, `the page is ${scroll}px wide at ${width}px`);
}

const text = (page, selector) => page.locator(selector).first().innerText();

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const cspErrors = [];
function watch(page) {
  page.setDefaultTimeout(10_000);
  page.on('console', m => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
  });
  page.on('pageerror', e => cspErrors.push(`page error: ${e.message}`));
}

try {
  // ---- bundle sizes -----------------------------------------------------------------------------------------
  const built = join(process.cwd(), 'target/classes/modelgate-console');
  let consoleGz = 0;
  for (const f of readdirSync(join(built, 'assets')).filter(f => f.endsWith('.js'))) {
    const gz = gzipSync(readFileSync(join(built, 'assets', f))).length;
    report.bundles[f] = gz;
    consoleGz += gz;
  }
  const pickerGz = gzipSync(readFileSync(join(built, 'picker.js'))).length;
  report.bundles['console total (gzip)'] = consoleGz;
  report.bundles['picker.js (gzip)'] = pickerGz;
  console.log(`bundles: console ${(consoleGz / 1024).toFixed(1)} KB gzipped, picker ${(pickerGz / 1024).toFixed(1)} KB gzipped`);
  await step('bundle sizes within budget', null, async () => {
    check(consoleGz <= 200 * 1024, `console JavaScript is ${consoleGz} bytes gzipped, over 200 KB`);
    check(pickerGz <= 40 * 1024, `picker.js is ${pickerGz} bytes gzipped, over 40 KB`);
  });

  // ---- admin ------------------------------------------------------------------------------------------------
  const admin = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await admin.newPage();
  watch(page);
  const adminId = (await api('GET', '/api/users/me', adminKey)).id;

  await step('sign in as admin', page, async () => {
    await page.goto(`${base}/console/`);
    await page.waitForSelector('#key');
    await axe(page, 'sign-in 1440');
    await page.fill('#key', adminKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('mg-models-panel .section');
    const hits = await secretsInBrowser(page, [adminKey, adminKey.slice(12)]);
    check(hits.length === 0, `the admin key is in: ${hits.join(', ')}`);
    const cookies = await admin.cookies();
    const session = cookies.find(c => c.name === 'mg_session');
    check(session && session.httpOnly && session.sameSite === 'Strict', `session cookie: ${JSON.stringify(cookies)}`);
    check(!cookies.some(c => c.value.includes(adminKey.slice(12))), 'a cookie holds the key');
  });

  await step('refresh models', page, async () => {
    await page.check('mg-models-panel #force');
    await page.click('mg-models-panel button:has-text("Refresh models")');
    await page.waitForSelector('mg-models-page p[role=status]:has-text("Refreshed")');
    await page.waitForSelector('mg-models-panel .model[data-id="openai:gpt-4.1-nano"]');
    const header = await text(page, 'mg-models-panel .section[data-section=pending]');
    check(/Pending approval \(\d+\)/.test(header) && !header.includes('(0)'), `pending header: ${header}`);
    const refreshed = await text(page, 'mg-models-panel #refreshed');
    check(/refreshed (just now|\d+ seconds ago)/.test(refreshed), `refreshed: ${refreshed}`);
  });

  await step('approve two pending models in bulk', page, async () => {
    await page.check('mg-models-panel .model[data-id="openai:gpt-4o-mini"] input[type=checkbox]');
    await page.check('mg-models-panel .model[data-id="openai:gpt-4.1-nano"] input[type=checkbox]');
    await page.click('mg-models-panel button:has-text("Approve all selected (2)")');
    await page.waitForSelector('mg-models-page p[role=status]:has-text("Approved 2 models")');
    for (const id of ['openai:gpt-4o-mini', 'openai:gpt-4.1-nano']) {
      const m = (await api('GET', `/api/admin/models/${id}`, adminKey)).data[0];
      check(m.status === 'enabled', `${id} is ${m.status}`);
    }
    await page.waitForSelector('mg-models-panel .section[data-section=enabled]');
  });

  await step('set a default', page, async () => {
    await page.click('mg-models-panel .model[data-id="openai:gpt-4.1-nano"] button:has-text("Set default")');
    await page.waitForSelector('mg-models-page p[role=status]:has-text("Default for openai")');
    const p = await api('GET', '/api/admin/providers/openai', adminKey);
    check(p.default_models.text === 'openai:gpt-4.1-nano', `openai defaults: ${JSON.stringify(p.default_models)}`);
    await page.waitForSelector('mg-models-panel .model[data-id="openai:gpt-4.1-nano"] input[type=radio]:checked');
  });

  await step('deprecate one and see what it falls back to', page, async () => {
    await page.click('mg-models-panel .model[data-id="openai:gpt-4o-mini"] button:has-text("Deprecate")');
    await page.waitForSelector('mg-models-panel .model[data-id="openai:gpt-4o-mini"] .fallback');
    const fallback = await text(page, 'mg-models-panel .model[data-id="openai:gpt-4o-mini"] .fallback');
    check(fallback.includes('Falls back to: openai:gpt-4.1-nano'), `fallback: ${fallback}`);
  });

  await step('edit admin notes', page, async () => {
    await page.click('mg-models-panel .model[data-id="openai:gpt-4.1-nano"] button:has-text("Edit notes")');
    await page.fill('mg-models-panel .model[data-id="openai:gpt-4.1-nano"] .notes input', 'cheap and fast');
    // a live update arrives while the admin types: the page reloads the list (new objects, same models)
    await page.evaluate(async () => {
      const page = document.querySelector('mg-console').shadowRoot.querySelector('mg-models-page');
      await page.load();
      await page.updateComplete;
      await page.shadowRoot.querySelector('mg-models-panel').updateComplete;
    });
    await page.click('mg-models-panel .model[data-id="openai:gpt-4.1-nano"] button:has-text("Save notes")');
    await page.waitForSelector('mg-models-page p[role=status]:has-text("Notes saved")');
    const saved = (await api('GET', '/api/admin/models/openai:gpt-4.1-nano', adminKey)).data[0];
    check(saved.admin_notes === 'cheap and fast', `stored notes: ${saved.admin_notes}`);
    await page.goto(`${base}/console/#/sources`);
    await page.waitForSelector('mg-sources-page h2');
    await page.goto(`${base}/console/#/models`);
    await page.waitForSelector('mg-models-panel .model[data-id="openai:gpt-4.1-nano"] .notes:has-text("cheap and fast")');
  });

  await step('add a node with a friendly name', page, async () => {
    await page.goto(`${base}/console/#/providers`);
    await page.click('mg-providers-page button:has-text("Add provider")');
    await page.fill('mg-providers-page input[name=id]', 'mac-studio');
    await page.selectOption('mg-providers-page select[name=kind]', 'ollama');
    await page.fill('mg-providers-page input[name=name]', 'Mac Studio');
    await page.fill('mg-providers-page input[name=base_url]', cfg.ollama);
    await page.selectOption('mg-providers-page select[name=approval_policy]', 'auto-enable');
    await page.click('mg-providers-page button:has-text("Save")');
    await page.waitForSelector('mg-providers-page tr[data-provider=mac-studio]');
    await page.click('mg-providers-page button:has-text("Check now")');
    await page.waitForSelector('mg-providers-page p[role=status]:has-text("Checked")');
    const row = await text(page, 'mg-providers-page tr[data-provider=mac-studio]');
    check(row.includes('Mac Studio') && row.includes('healthy'), `row: ${row}`);
    // a page loaded later shows the server's last probe: health and latency without "Check now"
    await page.goto(`${base}/console/#/sources`);
    await page.waitForSelector('mg-sources-page h2');
    await page.goto(`${base}/console/#/providers`);
    await page.waitForSelector('mg-providers-page tr[data-provider=mac-studio]');
    await page.waitForFunction(() => /\d+ ms · checked/.test(document.querySelector('mg-console').shadowRoot
      .querySelector('mg-providers-page').shadowRoot.querySelector('tr[data-provider=mac-studio]').textContent));
    const reloaded = await text(page, 'mg-providers-page tr[data-provider=mac-studio]');
    check(reloaded.includes('healthy') && /\d+ ms · checked/.test(reloaded), `row after reload: ${reloaded}`);
  });

  await step('see the node in AI sources', page, async () => {
    await page.goto(`${base}/console/#/sources`);
    await page.waitForSelector('mg-sources-page section[data-source="Mac Studio"]');
    const node = await text(page, 'mg-sources-page section[data-source="Mac Studio"]');
    check(node.includes('Mac Studio (llama3.2:latest)'), `node section: ${node}`);
  });

  let usageBefore = 0;
  await step('usage before chatting', page, async () => {
    await page.goto(`${base}/console/#/usage`);
    await page.waitForSelector('mg-usage-page [data-total-requests]');
    usageBefore = Number(await text(page, 'mg-usage-page [data-total-requests]'));
  });

  await step('chat in the playground, switching model mid-conversation', page, async () => {
    await page.goto(`${base}/console/#/playground`);
    await page.click('mg-playground-page modelgate-model-picker [role=option][data-id="demo:echo"]');
    await page.fill('mg-playground-page #prompt', 'Hello there');
    await page.click('mg-playground-page button:has-text("Send")');
    await page.waitForSelector('mg-playground-page .msg.assistant >> nth=0 >> [data-cost]');
    const first = await text(page, 'mg-playground-page .msg.assistant >> nth=0');
    check(first.includes('Hello there') && first.includes('demo:echo') && first.includes('first token'), `first reply: ${first}`);
    await page.click('mg-playground-page modelgate-model-picker [role=option][data-id="openai:gpt-4.1-nano"]');
    await page.fill('mg-playground-page #prompt', 'And now a real model');
    await page.click('mg-playground-page button:has-text("Send")');
    await page.waitForSelector('mg-playground-page .msg.assistant >> nth=1 >> [data-cost]');
    const second = await text(page, 'mg-playground-page .msg.assistant >> nth=1');
    check(second.includes('gpt-4.1-nano') && /\d+ in · \d+ out/.test(second), `second reply: ${second}`);
    // the page asks the usage report until it counts both replies (usage is recorded as a stream closes)
    await page.waitForFunction(() => document.querySelector('mg-console').shadowRoot
      .querySelector('mg-playground-page').shadowRoot.querySelector('[data-conversation-cost]')
      .textContent.trim() !== '$0', null, { timeout: 5_000 }).catch(() => {});
    const cost = await text(page, 'mg-playground-page [data-conversation-cost]');
    report.timings.conversationCost = cost;
    check(cost !== '$0', `the conversation's cost did not move: ${cost}`);
  });

  await step('the usage chart moved', page, async () => {
    await page.goto(`${base}/console/#/usage`);
    await page.waitForSelector('mg-usage-page #chart-requests canvas');
    await page.waitForFunction((before) => {
      const el = document.querySelector('mg-console').shadowRoot.querySelector('mg-usage-page')
        .shadowRoot.querySelector('[data-total-requests]');
      return Number(el.textContent) >= before + 2;
    }, usageBefore, { timeout: 10_000 });
    const conv = await api('GET', '/api/admin/usage?group_by=conversation', adminKey);
    check(conv.totals.some(r => r.key.startsWith('conv_') && r.requests >= 2), `conversations: ${JSON.stringify(conv.totals)}`);
  });

  await step('a new gateway key is shown once, then gone from the page', page, async () => {
    await page.goto(`${base}/console/#/people`);
    await page.fill('mg-people-page form input[name=name] >> nth=0', 'mia');
    await page.click('mg-people-page button:has-text("Create user")');
    await page.click('mg-people-page button[aria-label="Keys and limits of mia"]');
    await page.click('mg-people-page button:has-text("Create key")');
    const shown = await text(page, 'mg-people-page [data-new-key]');
    check(/^mg_[0-9a-f]{8}_/.test(shown), `new key: ${shown}`);
    cfg.memberKey = shown;
    await page.click('mg-people-page button:has-text("Done")');
    const hits = await secretsInBrowser(page, [shown, shown.slice(12), adminKey.slice(12)]);
    check(hits.length === 0, `a key is still in: ${hits.join(', ')}`);
  });

  // ---- 2,000 models -----------------------------------------------------------------------------------------
  await step('2,000 models render and filter', page, async () => {
    await api('POST', '/api/admin/providers', adminKey, { id: 'bulk', kind: 'openai-compatible', name: 'Bulk lab',
      base_url: cfg.bulk, key: 'sk-bulk-lab-key-00000000' });
    const r = await api('POST', '/api/admin/models/discover', adminKey, { provider: 'bulk', force: true });
    check(r.providers[0].listed === 2000, `bulk listed ${JSON.stringify(r.providers[0])}`);
    await page.goto(`${base}/console/#/sources`);
    await page.waitForSelector('mg-sources-page h2');
    const t0 = Date.now();
    await page.goto(`${base}/console/#/models`);
    await page.waitForFunction(() => {
      const panel = document.querySelector('mg-console')?.shadowRoot?.querySelector('mg-models-page')
        ?.shadowRoot?.querySelector('mg-models-panel');
      return panel && panel.models.length >= 2000 && panel.shadowRoot.querySelectorAll('.model').length > 0;
    }, null, { timeout: 30_000 });
    const load = Date.now() - t0;
    const m = await page.evaluate(async () => {
      const panel = document.querySelector('mg-console').shadowRoot.querySelector('mg-models-page')
        .shadowRoot.querySelector('mg-models-panel');
      const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      const rendered = panel.shadowRoot.querySelectorAll('.model').length;
      let t = performance.now();
      panel.models = [...panel.models];
      await panel.updateComplete;
      await frame();
      const render = performance.now() - t;
      const input = panel.shadowRoot.querySelector('#search');
      // Typed a key at a time: each keystroke until the filtered list is on screen (two frames later).
      const keystrokes = [];
      for (const q of ['b', 'bu', 'bul', 'bulk', 'bulk-', 'bulk-model-1', 'bulk-model-19', 'bulk-model-199',
        'bulk-model-1999']) {
        t = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input'));
        await panel.updateComplete;
        await frame();
        keystrokes.push(performance.now() - t);
      }
      const shown = panel.shadowRoot.querySelectorAll('.model').length;
      input.value = '';
      input.dispatchEvent(new Event('input'));
      await panel.updateComplete;
      const sorted = [...keystrokes].sort((a, b) => a - b);
      return { total: panel.models.length, rendered, render, shown, keystrokes,
        filter: keystrokes[keystrokes.length - 1], median: sorted[Math.floor(sorted.length / 2)],
        worst: sorted[sorted.length - 1] };
    });
    report.timings.models2000 = { ...m, pageLoadMs: load };
    console.log(`2,000 models: ${m.total} in the catalog, ${m.rendered} rows in the DOM (virtualised); `
      + `re-render ${m.render.toFixed(1)} ms; filter per keystroke (to the frame after) median `
      + `${m.median.toFixed(1)} ms, worst ${m.worst.toFixed(1)} ms; page ready ${load} ms`);
    check(m.total >= 2000 && m.rendered < 200, `virtualisation: ${JSON.stringify(m)}`);
    check(m.shown === 1, `the filter showed ${m.shown} rows`);
    // The target is < 100 ms (reported above); this loose bound only catches a list that stopped being fast
    // (e.g. rendering every row again), not a slow or busy machine.
    check(m.median < 400, `filtering 2,000 models takes ${m.median.toFixed(0)} ms a keystroke`);
  });

  // ---- every page, both widths, axe ---------------------------------------------------------------------------
  const pages = ['models', 'providers', 'people', 'usage', 'routing', 'audit', 'sources', 'my-usage', 'playground', 'sessions'];
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 1000 });
    for (const p of pages) {
      await step(`admin ${p} at ${width}px`, page, async () => {
        await page.goto(`${base}/console/#/${p}`);
        await page.waitForSelector('main h2');
        await page.waitForTimeout(300);
        await axe(page, `${p} ${width}`);
        await noHorizontalScroll(page, width);
      });
    }
  }

  await step('sessions are listed and sign out ends this one', page, async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${base}/console/#/sessions`);
    await page.waitForSelector('mg-sessions-page .badge:has-text("this one")');
    await page.click('mg-console header button:has-text("Sign out")');
    await page.waitForSelector('#key');
    const status = await page.evaluate(async () => (await fetch('/api/users/me')).status);
    check(status === 401, `after sign-out /api/users/me answered ${status}`);
  });
  await admin.close();

  // ---- member -------------------------------------------------------------------------------------------------
  const memberKey = cfg.memberKey ?? (await (async () => {
    const u = await api('POST', '/api/admin/users', adminKey, { name: 'mia2', role: 'member' });
    return (await api('POST', `/api/admin/users/${u.id}/keys`, adminKey, { name: 'e2e' })).key;
  })());
  await api('POST', '/api/ai/api-keys', adminKey, { provider: 'openai', key: 'sk-admin-own-key-00001111' });
  await api('POST', '/v1/chat/completions', memberKey, { model: 'demo:echo', messages: [{ role: 'user', content: 'mine' }] });
  const member = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const mpage = await member.newPage();
  watch(mpage);
  await step('sign in as a member and see only what is theirs', mpage, async () => {
    await mpage.goto(`${base}/console/`);
    await mpage.fill('#key', memberKey);
    await mpage.click('button[type=submit]');
    await mpage.waitForSelector('mg-sources-page section[data-source]');
    const nav = await text(mpage, 'mg-console nav');
    check(!nav.includes('Models') && !nav.includes('People') && nav.includes('AI sources'), `member nav: ${nav}`);
    const sources = await text(mpage, 'mg-sources-page');
    check(!sources.includes('Bulk lab') && !sources.includes('bulk-model'), 'a member sees pending models');
    check(!sources.includes('001111') && !sources.includes('sk-admin'), 'a member sees the admin\'s own key');
    const adminApi = await mpage.evaluate(async () => (await fetch('/api/admin/models')).status);
    check(adminApi === 403, `member on /api/admin/models: ${adminApi}`);
    await mpage.goto(`${base}/console/#/models`);
    await mpage.waitForSelector('mg-sources-page');
    const hits = await secretsInBrowser(mpage, [memberKey, memberKey.slice(12)]);
    check(hits.length === 0, `the member key is in: ${hits.join(', ')}`);
  });

  await step('member adds an own key, shown masked', mpage, async () => {
    await mpage.fill('mg-sources-page input[name=provider]', 'openai');
    await mpage.fill('mg-sources-page input[name=key]', 'sk-member-own-key-22223333');
    await mpage.click('mg-sources-page button:has-text("Add key")');
    await mpage.waitForSelector('mg-sources-page li:has-text("openai") code');
    const masked = await text(mpage, 'mg-sources-page li:has-text("openai") code');
    check(masked.endsWith('3333') && !masked.includes('member-own'), `masked key: ${masked}`);
    const hits = await secretsInBrowser(mpage, ['sk-member-own-key-22223333']);
    check(hits.length === 0, `the provider key is in: ${hits.join(', ')}`);
  });

  await step('member usage is only theirs', mpage, async () => {
    await mpage.goto(`${base}/console/#/my-usage`);
    await mpage.waitForSelector('mg-usage-page [data-total-requests]');
    await mpage.waitForFunction(() => document.querySelector('mg-console').shadowRoot.querySelector('mg-usage-page')
      .shadowRoot.querySelector('tbody tr'));
    const total = Number(await text(mpage, 'mg-usage-page [data-total-requests]'));
    check(total === 1, `member sees ${total} requests (expected only their 1)`);
  });

  for (const width of [1440, 390]) {
    await mpage.setViewportSize({ width, height: width === 390 ? 844 : 1000 });
    for (const p of ['sources', 'my-usage', 'playground', 'sessions']) {
      await step(`member ${p} at ${width}px`, mpage, async () => {
        await mpage.goto(`${base}/console/#/${p}`);
        await mpage.waitForSelector('main h2');
        await mpage.waitForTimeout(300);
        await axe(mpage, `member ${p} ${width}`);
        await noHorizontalScroll(mpage, width);
      });
    }
  }
  await member.close();

  // ---- the picker on a plain page -------------------------------------------------------------------------------
  const plain = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const ppage = await plain.newPage();
  watch(ppage);
  await step('the picker on a plain page emits change', ppage, async () => {
    await ppage.goto(`${cfg.plain}/?server=${encodeURIComponent(base)}&credential=${encodeURIComponent(memberKey)}`);
    await ppage.waitForSelector('modelgate-model-picker [role=option][data-id="demo:echo"]');
    await ppage.click('modelgate-model-picker [role=option][data-id="demo:echo"]');
    const changes = await ppage.evaluate(() => window.changes);
    check(changes.length === 1 && changes[0].id === 'demo:echo' && changes[0].provider === 'demo' && changes[0].name,
      `changes: ${JSON.stringify(changes)}`);
    await ppage.focus('modelgate-model-picker [role=listbox]');
    await ppage.keyboard.press('End');
    await ppage.keyboard.press('Enter');
    check((await ppage.evaluate(() => window.changes.length)) === 2, 'keyboard choice did not fire change');
    await axe(ppage, 'plain picker page');
  });

  await step('the picker marks models this browser has not seen as new, once', ppage, async () => {
    // the first visit above: every model was enabled minutes ago, so each was new then
    const newIn = async () => ppage.evaluate(() => [...document.querySelector('modelgate-model-picker').shadowRoot
      .querySelectorAll('[role=option]')].filter(o => [...o.querySelectorAll('.badge')].some(b => b.textContent === 'new'))
      .map(o => o.dataset.id));
    await ppage.reload();
    await ppage.waitForSelector('modelgate-model-picker [role=option][data-id="demo:echo"]');
    check((await newIn()).length === 0, `seen models still new: ${await newIn()}`);
    await api('POST', '/api/admin/models/bulk-update', adminKey, { model_ids: ['openai:gpt-4o'], status: 'enabled' });
    await ppage.reload();
    await ppage.waitForSelector('modelgate-model-picker [role=option][data-id="openai:gpt-4o"]');
    const fresh = await newIn();
    check(fresh.length === 1 && fresh[0] === 'openai:gpt-4o', `new after an admin enabled gpt-4o: ${fresh}`);
  });
  await plain.close();

  await step('no Content-Security-Policy violation or page error', null, async () => {
    check(cspErrors.length === 0, cspErrors.join('\n'));
  });
} catch (e) {
  failures.push(`run: ${e.stack ?? e.message}`);
} finally {
  await browser.close();
  writeFileSync(join(out, 'report.json'), JSON.stringify(report, null, 2));
}

if (failures.length) {
  console.log(`\n${failures.length} FAILED:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('ALL PASSED');
