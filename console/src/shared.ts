import { css } from 'lit';

/** Styles every console component shares; colours come from custom properties set on the page. */
export const shared = css`
  :host { font: inherit; color: var(--mg-fg, #1b1f24); }
  button, input, select, textarea { font: inherit; }
  button {
    border: 1px solid var(--mg-border, #b6bcc4); background: var(--mg-bg, #fff); color: inherit;
    border-radius: 6px; padding: 0.3rem 0.7rem; cursor: pointer; min-height: 2rem;
  }
  button.primary { background: var(--mg-accent, #0b57d0); border-color: var(--mg-accent, #0b57d0); color: #fff; }
  button.danger { color: var(--mg-danger, #a4161a); border-color: currentColor; }
  button:disabled { opacity: 0.55; cursor: default; }
  button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible {
    outline: 3px solid var(--mg-focus, #ffbf47); outline-offset: 1px;
  }
  input, select, textarea {
    border: 1px solid var(--mg-border, #8a929c); border-radius: 6px; padding: 0.3rem 0.5rem;
    background: var(--mg-bg, #fff); color: inherit; min-height: 2rem; box-sizing: border-box;
  }
  .muted { color: var(--mg-muted, #4d5661); }
  .dot { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; vertical-align: middle;
    background: #8a929c; flex: none; }
  .dot.healthy { background: #1a7f37; }
  .dot.degraded { background: #b35900; }
  .dot.down { background: #c62828; }
  .badge { display: inline-block; font-size: 0.75rem; border: 1px solid var(--mg-border, #b6bcc4);
    border-radius: 999px; padding: 0 0.45rem; margin: 0 0.2rem 0.2rem 0; white-space: nowrap; }
  .badge.warn { border-color: #b35900; color: #8a4500; }
  .row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .error { color: var(--mg-danger, #a4161a); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--mg-line, #e1e4e8);
    vertical-align: top; }
  .scroll-x { overflow-x: auto; }
  .card { border: 1px solid var(--mg-line, #d8dce1); border-radius: 8px; padding: 0.75rem; background: var(--mg-bg, #fff); }
  h2 { font-size: 1.25rem; margin: 0 0 0.75rem; }
  h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
  @media (max-width: 600px) {
    table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.stack tr { display: block; border-bottom: 1px solid var(--mg-line, #d8dce1); padding: 0.4rem 0; }
    table.stack td { display: block; border: none; padding: 0.15rem 0.25rem; }
    table.stack td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; }
  }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

export function healthOf(status?: string | null): 'healthy' | 'degraded' | 'down' | 'unknown' {
  return status === 'healthy' || status === 'degraded' || status === 'down' ? status : 'unknown';
}
