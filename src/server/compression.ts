import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);

/**
 * Answers smaller than this go out as they are. It also keeps every answer that carries a secret (sign-in and
 * session answers, a few hundred bytes) out of compression, so compressed lengths cannot reveal them.
 */
export const compressFromBytes = 32 * 1024;

/** Whether the client accepts gzip: `gzip` or `*` with a non-zero quality. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    return !q || Number(q[1]) > 0;
  });
}

/**
 * Gzips a large JSON answer of the API (the map's point set, a gap report, boundaries) when the client accepts it:
 * a 30-day point set shrinks about five times, which matters on a centre's thin link. Compression runs off the
 * event loop's critical path (zlib's thread pool) at a fast level.
 */
export async function compressJson(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  if (payload.length < compressFromBytes || request.method === 'HEAD' || reply.hasHeader('content-encoding'))
    return payload;
  if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
  void reply.header('vary', 'accept-encoding');
  if (!acceptsGzip(request.headers['accept-encoding'])) return payload;
  const body = await gzipAsync(payload, { level: constants.Z_BEST_SPEED });
  void reply.header('content-encoding', 'gzip');
  void reply.removeHeader('content-length');
  return body;
}
