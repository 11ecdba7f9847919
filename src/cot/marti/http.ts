import type { IncomingMessage, ServerResponse } from 'node:http';
import { SeamError } from '../../domain/errors.ts';

/** What a Marti route answers: a status, a content type and a body. */
export interface Answer {
  status: number;
  type: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

export const text = (body: string, status = 200): Answer => ({ status, type: 'text/plain; charset=utf-8', body });
export const json = (value: unknown, status = 200): Answer => ({
  status,
  type: 'application/json',
  body: JSON.stringify(value),
});
export const xml = (body: string): Answer => ({ status: 200, type: 'application/xml', body });

/** Reads a request body, refusing one over `limit` bytes (413) before it is all in memory. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) throw new SeamError('payload_too_large', `the body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new SeamError('payload_too_large', `the body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The first file of a `multipart/form-data` body (ATAK uploads a data package as the part
 * `assetfile`), or the body itself when it is not multipart.
 */
export function uploadedFile(req: IncomingMessage, body: Buffer): Buffer {
  const type = req.headers['content-type'] ?? '';
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const headersEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (headersEnd < 0 || next < 0) break;
    const headers = body.toString('utf8', at + delimiter.length, headersEnd);
    if (/filename=|name="assetfile"/i.test(headers)) return body.subarray(headersEnd + 4, next - 2);
    at = next;
  }
  throw new SeamError('bad_request', 'the multipart body carries no file part');
}

/** The user name and password of an `Authorization: Basic` header, or null. */
export function basicCredentials(req: IncomingMessage): { username: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Sends an answer. */
export function send(res: ServerResponse, a: Answer): void {
  const body = typeof a.body === 'string' ? Buffer.from(a.body) : a.body;
  res.writeHead(a.status, {
    'content-type': a.type,
    'content-length': String(body.byteLength),
    'cache-control': 'no-store',
    ...a.headers,
  });
  res.end(body);
}

/** The answer to an error: a SeamError's status and message; anything else a 500 that names nothing inside. */
export function errorAnswer(err: unknown): Answer {
  if (err instanceof SeamError) return json({ error: err.code, message: err.message, issues: err.issues }, err.status);
  return json({ error: 'internal', message: 'internal error' }, 500);
}
