import type { Reply, RequestOptions } from './fixture.ts';

/** A small client for a Seam server running in another process. */
export interface HttpClient {
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** Signs in and returns the `seam_session=…` cookie; throws with the response when refused. */
  signIn(username: string, password: string): Promise<string>;
}

export function httpClient(baseUrl: string): HttpClient {
  const request = async (method: string, path: string, options: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.cookie) headers.cookie = options.cookie;
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
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
      return String(r.headers.get('set-cookie')).split(';')[0];
    },
  };
}

/** An incident a reporter may file: an IED near Kirkuk, inside the demo's JCC K1. */
export function kirkukIed(narrative = ''): Record<string, unknown> {
  return { type: 'ied', time: '2026-01-01T06:00:00Z', lon: 44.39, lat: 35.47, narrative };
}
