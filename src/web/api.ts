/** The one way the web app talks to the server: JSON in, JSON out, errors as ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

type Listener = (status: number, code: string) => void;
const listeners = new Set<Listener>();
/** The session layer listens for 401s so it can show the sign-in overlay without leaving the page. */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Extra request options. `idempotencyKey` goes out as the Idempotency-Key header: make it once per
 * intention (newIdempotencyKey()) and reuse it on retry, so a repeated create or sign never makes a
 * second record. `keepalive` lets the request outlive the page (autosave on leaving); browsers cap
 * such bodies at 64 KiB, so a larger body goes out as an ordinary request.
 */
export interface RequestOptions {
  idempotencyKey?: string;
  keepalive?: boolean;
}

/** A fresh key for one intention (a create, a signature, a publication). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; a practice served over plain http on its own network still gets a random key.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  if (options.idempotencyKey) (init.headers as Record<string, string>)['idempotency-key'] = options.idempotencyKey;
  if (options.keepalive && (typeof init.body !== 'string' || init.body.length < 60_000)) init.keepalive = true;
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection; nothing was lost.');
  }
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; fields?: Record<string, string> };
    const err = new ApiError(res.status, e.code ?? 'error', e.message ?? `Request failed (${res.status}).`, e.fields ?? {}, data);
    for (const l of listeners) l(res.status, err.code);
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', url, body, options),
  put: <T>(url: string, body: unknown, options?: RequestOptions) => request<T>('PUT', url, body, options),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

/** Builds a query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
}
