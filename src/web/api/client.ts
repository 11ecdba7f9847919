/** An error answered by the Seam API: its stable code, the human message and the fields it names. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Array<{ field: string; reason: string }>;
  constructor(status: number, code: string, message: string, issues: Array<{ field: string; reason: string }> = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

/** Remembers the session's CSRF token; the server rotates it with the session and sends the new one in a header. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once when a request finds the session ended (401), so the app can show the sign-in page. */
export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat 401 as the end of the session (the sign-in request itself). */
  quietUnauthorised?: boolean;
}

/** Calls the API with the session cookie and, for writes, the CSRF token; throws ApiError on a non-2xx answer. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
  });
  const rotated = response.headers.get('x-csrf-token');
  if (rotated) csrfToken = rotated;
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const e = (json as { error?: { code?: string; message?: string; issues?: ApiError['issues'] } } | null)?.error;
    if (response.status === 401 && !options.quietUnauthorised) onSignedOut?.();
    throw new ApiError(response.status, e?.code ?? 'http_error', e?.message ?? response.statusText, e?.issues ?? []);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
