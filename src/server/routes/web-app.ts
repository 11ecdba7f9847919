import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SeamError } from '../../domain/errors.ts';
import { acceptsGzip } from '../compression.ts';

/** Where `npm run build:web` puts the browser app: `dist/web` at the repository root. */
export const defaultWebRoot = resolve(import.meta.dirname, '../../../dist/web');

const startPage = (built: boolean) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seam</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}a{color:#0b57d0}code{background:#eef1f4;padding:0 .25rem}</style>
</head><body>
<h1>Seam</h1>
<p>Coordination platform for partner forces that share a boundary: shared incident reports on one map, each seen only by those its releasability allows, and the gaps in coverage along the line.</p>
${built ? '' : '<p>The web app is not built: <code>npm run build:web</code> builds it.</p>\n'}<ul>
<li><a href="/api/docs">API documentation</a> (<a href="/api/v1/openapi.json">OpenAPI 3.1</a>)</li>
<li>Sign in with <code>POST /api/v1/auth/login</code>, then read <code>GET /api/v1/incidents</code>.</li>
<li><a href="/healthz">Health</a></li>
</ul>
</body></html>`;

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.pbf': 'application/x-protobuf',
};

// A segment of a name the build writes: no leading dot (so no `.`, `..` or hidden file), no
// percent sign (so no encoded separator, dot or NUL), no backslash, colon or control character.
const safeSegment = /^[A-Za-z0-9_~+-][A-Za-z0-9._~+-]{0,199}$/;

/**
 * The file under `root` that a request path names, or null when the path could name anything
 * outside it or anything the build does not write. Works on the raw path, before any decoding.
 */
export function resolveWebPath(root: string, urlPath: string): string | null {
  if (!urlPath.startsWith('/') || urlPath.length > 1024) return null;
  const segments = urlPath.slice(1).split('/');
  if (segments.length > 8 || !segments.every((s) => safeSegment.test(s))) return null;
  if (extname(urlPath) === '.gz') return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return file.startsWith(base + sep) ? file : null;
}

/** The file's contents if it is a regular file whose real path (symbolic links followed) stays under root. */
async function readUnder(root: string, file: string): Promise<Buffer | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!realFile.startsWith(realRoot + sep) || !(await stat(realFile)).isFile()) return null;
    return await readFile(realFile);
  } catch {
    return null;
  }
}

function notFound(request: FastifyRequest): SeamError {
  return new SeamError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
}

const pathOf = (request: FastifyRequest) => request.url.split('?')[0];
const typeOf = (file: string) => contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * The browser app, built into `root`: `/` and every client-side route give index.html (never
 * cached, so a new build is picked up at once); `/assets/*` give the build's content-hashed files,
 * cached for a year, gzipped when the build wrote a `.gz` copy and the client accepts it. Without
 * a build, `/` gives a start page that says how to build it.
 */
export function webAppRoutes(app: FastifyInstance, root: string): void {
  const anonymous = { schema: { hide: true }, config: { anonymous: true } };

  const sendIndex = async (reply: FastifyReply) => {
    const index = await readUnder(root, join(root, 'index.html'));
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
    return reply.send(index ?? startPage(false));
  };

  app.get('/', anonymous, async (_request, reply) => sendIndex(reply));

  app.get('/assets/*', anonymous, async (request, reply) => {
    const file = resolveWebPath(root, pathOf(request));
    const body = file && (await readUnder(root, file));
    if (!file || !body) throw notFound(request);
    const gzipped = acceptsGzip(request.headers['accept-encoding']) ? await readUnder(root, `${file}.gz`) : null;
    void reply
      .type(typeOf(file))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'accept-encoding');
    if (gzipped) return reply.header('content-encoding', 'gzip').send(gzipped);
    return reply.send(body);
  });

  // Anything else that is not the API: a file at the top of the build (its favicon), or a
  // client-side route (`/incidents/…`, `/gaps`) that a browser navigates to.
  app.get('/*', anonymous, async (request, reply) => {
    const path = pathOf(request);
    if (path === '/api' || path.startsWith('/api/')) throw notFound(request);
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (last.includes('.') || last.includes('%')) {
      const file = resolveWebPath(root, path);
      const body = file && (await readUnder(root, file));
      if (!file || !body) throw notFound(request);
      return reply.type(typeOf(file)).header('cache-control', 'no-cache').send(body);
    }
    if (!String(request.headers.accept ?? '').includes('text/html')) throw notFound(request);
    return sendIndex(reply);
  });
}
