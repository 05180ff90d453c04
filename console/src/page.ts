import { LitElement } from 'lit';
import type { SseEvent } from './sse';

/** How long a page waits after a server event for more of the same burst before it reloads. */
export const RELOAD_QUIET_MS = 300;
/** The longest a page puts off its reload while events keep coming. */
export const RELOAD_MAX_WAIT_MS = 2000;

/**
 * A console page: loads when shown, reloads after server events, shows one status message and one error. Events
 * come in bursts — a discovery that lists 2,000 models sends 2,000 — so a burst makes one reload, not one each
 * (one each flooded the browser's connections and starved the next page's requests).
 */
export abstract class Page extends LitElement {
  static properties = { message: { state: true }, error: { state: true } };
  message: string | null = null;
  error: string | null = null;
  private reloadTimer: number | undefined;
  private firstPendingAt: number | null = null;

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    window.clearTimeout(this.reloadTimer);
    this.firstPendingAt = null;
  }

  /** A catalog or health change reported by /api/events. */
  serverEvent(_event?: SseEvent) {
    this.reloadSoon();
  }

  /** Reloads once the events have paused for {@link RELOAD_QUIET_MS}, or {@link RELOAD_MAX_WAIT_MS} after the first. */
  protected reloadSoon() {
    const now = Date.now();
    this.firstPendingAt ??= now;
    window.clearTimeout(this.reloadTimer);
    const wait = Math.max(0, Math.min(RELOAD_QUIET_MS, this.firstPendingAt + RELOAD_MAX_WAIT_MS - now));
    this.reloadTimer = window.setTimeout(() => {
      this.firstPendingAt = null;
      void this.load();
    }, wait);
  }

  abstract load(): Promise<void>;
}
