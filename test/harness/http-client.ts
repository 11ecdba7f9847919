export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read replies as untyped JSON and assert on their shape
  body: any;
  text: string;
}

export interface RequestOptions {
  json?: unknown;
  cookie?: string;
  bearer?: string;
  headers?: Record<string, string>;
}

/** A small client for a real Seam server, in this process or another. */
export interface HttpClient {
  /** Sends a request; a cookie this client signed in with also sends its CSRF token on writes. */
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** Signs in and returns the `seam_session=…` cookie; throws with the response when refused. */
  signIn(username: string, password: string): Promise<string>;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function httpClient(baseUrl: string): HttpClient {
  const csrfOf = new Map<string, string>();
  const request = async (method: string, path: string, options: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = {};
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.cookie) {
      headers.cookie = options.cookie;
      const csrf = csrfOf.get(options.cookie);
      if (csrf && unsafe.has(method)) headers['x-csrf-token'] = csrf;
    }
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    Object.assign(headers, options.headers);
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    const text = await res.text();
    const body: unknown = res.headers.get('content-type')?.includes('application/json') ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body, text };
  };
  return {
    request,
    async signIn(username, password) {
      const r = await request('POST', '/api/v1/auth/login', { json: { username, password } });
      if (r.status !== 200) throw new Error(`sign-in of ${username} failed: ${r.status} ${r.text}`);
      const cookie = String(r.headers.get('set-cookie')).split(';')[0];
      csrfOf.set(cookie, r.body.csrf_token);
      return cookie;
    },
  };
}

/** An incident a reporter may file: an IED near Kirkuk, inside the demo's JCC K1. */
export function kirkukIed(narrative = ''): Record<string, unknown> {
  return { type: 'ied', time: '2026-01-01T06:00:00Z', lon: 44.39, lat: 35.47, narrative };
}
