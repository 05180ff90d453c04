import { LitElement } from 'lit';
import type { SseEvent } from './sse';

/** A console page: loads when shown, reloads on a server event, shows one status message and one error. */
export abstract class Page extends LitElement {
  static properties = { message: { state: true }, error: { state: true } };
  message: string | null = null;
  error: string | null = null;

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** A catalog or health change reported by /api/events. */
  serverEvent(_event?: SseEvent) {
    void this.load();
  }

  abstract load(): Promise<void>;
}
