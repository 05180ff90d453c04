import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Page, RELOAD_MAX_WAIT_MS, RELOAD_QUIET_MS } from '../src/page';

class CountingPage extends Page {
  loads = 0;
  async load() { this.loads++; }
}
customElements.define('mg-counting-page', CountingPage);

describe('a page and the server events', () => {
  let page: CountingPage;

  beforeEach(() => {
    vi.useFakeTimers();
    page = document.createElement('mg-counting-page') as CountingPage;
    document.body.append(page);
  });

  afterEach(() => {
    page.remove();
    vi.useRealTimers();
  });

  it('reloads once for a burst of 2,000 events, after the burst', () => {
    expect(page.loads).toBe(1); // shown
    for (let i = 0; i < 2000; i++) page.serverEvent();
    expect(page.loads).toBe(1);
    vi.advanceTimersByTime(RELOAD_QUIET_MS);
    expect(page.loads).toBe(2);
    vi.advanceTimersByTime(10 * RELOAD_MAX_WAIT_MS);
    expect(page.loads).toBe(2);
  });

  it('does not put the reload off for ever while events keep coming', () => {
    for (let t = 0; t < RELOAD_MAX_WAIT_MS + RELOAD_QUIET_MS; t += 100) {
      page.serverEvent();
      vi.advanceTimersByTime(100);
    }
    expect(page.loads).toBeGreaterThanOrEqual(2);
    expect(page.loads).toBeLessThanOrEqual(3);
  });

  it('a page no longer shown does not reload', () => {
    page.serverEvent();
    page.remove();
    vi.advanceTimersByTime(RELOAD_MAX_WAIT_MS);
    expect(page.loads).toBe(1);
  });
});
