import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A JSON answer serialised once for a version of what it shows, with the ETag that names it. */
export interface VersionedAnswer {
  version: number;
  etag: string;
  body: string;
}

/**
 * The answer for `version`, from `cache` while the version holds, else serialised anew. The ETag
 * carries a hash of the body as well as the version: a new Seam release may present the same data
 * differently.
 */
export async function versionedAnswer(
  cache: { get(): VersionedAnswer | undefined; set(answer: VersionedAnswer): void },
  version: number,
  tag: string,
  present: () => Promise<unknown>,
): Promise<VersionedAnswer> {
  const hit = cache.get();
  if (hit && hit.version === version) return hit;
  const body = JSON.stringify(await present());
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  const answer = { version, etag: `"${tag}-${version}-${hash}"`, body };
  cache.set(answer);
  return answer;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** Sends a versioned answer, or 304 when the client already holds it (If-None-Match). */
export function sendVersioned(request: FastifyRequest, reply: FastifyReply, answer: VersionedAnswer): FastifyReply {
  void reply.header('etag', answer.etag).header('cache-control', 'private, max-age=0, must-revalidate');
  if (matchesEtag(request.headers['if-none-match'], answer.etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(answer.body);
}
