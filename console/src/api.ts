// The console's one way to the server: same-origin fetch with the session cookie (HttpOnly, never readable here),
// the CSRF token kept in memory only (never in any browser storage), JSON in and out, errors as ApiError.

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly param: string | null = null) {
    super(message);
  }
}

export interface Me {
  user_id: string;
  name: string | null;
  role: 'admin' | 'member';
  org_id: string | null;
  key_prefix: string | null;
  session_id: string | null;
  expires_at: string | null;
  csrf_token: string | null;
}

let csrf: string | null = null;

export function setCsrf(token: string | null): void {
  csrf = token;
}

/** The session's CSRF token, for requests made without {@link api} (a streamed chat). */
export function csrfToken(): string | null {
  return csrf;
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = data?.error;
    throw new ApiError(res.status, err?.message ?? `${res.status} ${res.statusText}`, err?.param ?? null);
  }
  return data as T;
}

export const get = <T = any>(path: string) => api<T>('GET', path);
export const post = <T = any>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T = any>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T = any>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T = any>(path: string) => api<T>('DELETE', path);

/** Signs in with a gateway key; the key goes to the server once and is not kept anywhere. */
export async function signIn(key: string): Promise<Me> {
  const me = await post<Me>('/api/session', { key });
  setCsrf(me.csrf_token);
  return me;
}

export async function currentSession(): Promise<Me | null> {
  try {
    const me = await get<Me>('/api/session');
    setCsrf(me.csrf_token);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function signOut(): Promise<void> {
  await del('/api/session');
  setCsrf(null);
}

// ---- shapes ---------------------------------------------------------------------------------------------------

export interface Price {
  input_per_million?: number | null;
  output_per_million?: number | null;
  cached_input_per_million?: number | null;
  per_request?: number | null;
}

export interface Entry {
  id: string;
  provider: string;
  kind: string;
  category: string;
  name: string;
  description?: string | null;
  status: 'pending' | 'enabled' | 'disabled' | 'deprecated';
  source: string;
  context_window?: number | null;
  max_output_tokens?: number | null;
  capabilities: string[];
  pricing?: Price | null;
  discovered_at: string;
  last_seen_at?: string | null;
  admin_notes?: string | null;
  successor?: string | null;
  /** What core's router serves instead of this model when it is deprecated or disabled; null when nothing. */
  falls_back_to?: string | null;
}

export interface ProviderState {
  status: string;
  last_checked?: string | null;
  model_count: number;
  pending_count: number;
  /** How long the server's last health probe of the provider took. */
  latency_ms?: number | null;
  error?: string | null;
}

export interface CatalogModel {
  id: string;
  provider: string;
  source: string;
  node_name: string;
  category: string;
  status: string;
  latency_ms?: number | null;
  capabilities: string[];
  context_window?: number | null;
  pricing?: Price | null;
  metadata: { name?: string; max_output_tokens?: number; successor?: string; description?: string };
}

export interface Catalog {
  default_model_id: string | null;
  models: CatalogModel[];
  providers: Record<string, ProviderState>;
  last_updated: string;
  cache_hit: boolean;
}

export interface Instance {
  id: string;
  kind: string;
  name: string;
  base_url?: string | null;
  owner?: string | null;
  visibility: string;
  approval_policy: string;
  enabled: boolean;
  default_models: Record<string, string>;
  has_key: boolean;
}

// ---- formatting -----------------------------------------------------------------------------------------------

export function perMillion(p?: Price | null): string {
  if (!p || (p.input_per_million == null && p.output_per_million == null)) return 'price unknown';
  const f = (v?: number | null) => (v == null ? '?' : `$${Number(v).toFixed(Number(v) < 1 ? 3 : 2)}`);
  return `${f(p.input_per_million)} in · ${f(p.output_per_million)} out /M`;
}

export function tokens(n?: number | null): string {
  if (n == null) return '—';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n % 1_000_000 ? 1 : 0)}M`;
  if (n >= 1000) return `${Math.round(n / 1000)}K`;
  return String(n);
}

export function ago(iso?: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return s < 5 ? 'just now' : `${s} seconds ago`;
  const m = Math.round(s / 60);
  if (m < 60) return m === 1 ? '1 minute ago' : `${m} minutes ago`;
  const h = Math.round(m / 60);
  if (h < 48) return h === 1 ? '1 hour ago' : `${h} hours ago`;
  return `${Math.round(h / 24)} days ago`;
}

export function usd(v: number | string | null | undefined): string {
  const n = Number(v ?? 0);
  return n === 0 ? '$0' : n < 0.01 ? `$${n.toFixed(6)}` : `$${n.toFixed(4)}`;
}
