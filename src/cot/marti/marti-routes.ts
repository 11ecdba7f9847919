import type { IncomingMessage } from 'node:http';
import { accessFacts } from '../../access/facts.ts';
import { visibility } from '../../access/policy.ts';
import { SeamError } from '../../domain/errors.ts';
import type { Actor } from '../../service/actor.ts';
import {
  dataPackageBytes,
  findDataPackage,
  searchDataPackages,
  uploadDataPackage,
} from '../../service/data-packages.ts';
import { positionSharing } from '../../service/position-sharing.ts';
import type { Store } from '../../store/store.ts';
import type { ConnectedClient, CotAcceptor } from '../cot-acceptor.ts';
import { checkDataPackage } from '../data-package/package-check.ts';
import { type Answer, json, readBody, text, uploadedFile, xml } from './http.ts';

/** What the Marti routes answer with: the store, the CoT server's clients, the names this site goes by. */
export interface MartiContext {
  store: Store;
  cot: CotAcceptor | null;
  /** The host name clients reach this site at (the server certificate's first name). */
  hostname: string;
  /** This site's id, as TAK Server's `nodeId`. */
  nodeId: string;
  /** The base URL of the Marti API port, for the content links an upload answers with. */
  baseUrl: string;
  /** The largest data package accepted, in bytes. */
  maxPackageBytes: number;
}

export const serverVersion = 'Seam 0.1.0';
const apiVersion = '3';

/**
 * The CSR attributes a client should put in its request (TAK Server's `certificateConfig`): the
 * subject's O and OU. The common name is the user's own name, which enrolment checks.
 */
export function tlsConfigAnswer(org: string | null): Answer {
  return xml(
    [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<ns2:certificateConfig xmlns="http://bbn.com/marti/xml/config" xmlns:ns2="com.bbn.marti.config">',
      '  <nameEntries>',
      '    <nameEntry name="O" value="Seam"/>',
      ...(org ? [`    <nameEntry name="OU" value="${org.replaceAll('"', '')}"/>`] : []),
      '  </nameEntries>',
      '</ns2:certificateConfig>',
      '',
    ].join('\n'),
  );
}

/**
 * The connected clients a caller may see: those of the organisations whose unit positions the
 * caller's organisation may see (each organisation's position sharing, decided by the access
 * policy as the CoT relay decides it), so the list tells no more than the map does.
 */
async function visibleClients(store: Store, actor: Actor, clients: ConnectedClient[]): Promise<ConnectedClient[]> {
  const facts = await accessFacts(store);
  const allowed = new Map<string, boolean>();
  for (const org of new Set(clients.map((c) => c.org))) {
    const record = { ownerOrg: org, releasability: await positionSharing(store, org), jcc: null };
    allowed.set(org, visibility({ org: actor.org, kind: 'tak-client' }, record, facts) === 'record');
  }
  return clients.filter((c) => allowed.get(c.org) === true);
}

function query(url: URL, name: string): string | undefined {
  return url.searchParams.get(name) ?? undefined;
}

/** The routes of the Marti API port (client certificate required); null when there is none for the path. */
export async function martiRoute(
  ctx: MartiContext,
  req: IncomingMessage,
  url: URL,
  actor: Actor,
): Promise<Answer | null> {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /Marti/api/version':
      return text(serverVersion);
    case 'GET /Marti/api/version/config':
      return json({
        version: apiVersion,
        type: 'ServerConfig',
        data: { version: serverVersion, api: apiVersion, hostname: ctx.hostname },
        nodeId: ctx.nodeId,
      });
    case 'GET /Marti/api/clientEndPoints': {
      const clients = await visibleClients(ctx.store, actor, ctx.cot?.clients() ?? []);
      return json({
        version: apiVersion,
        type: 'com.bbn.marti.remote.ClientEndpoint',
        data: clients.map((c) => ({
          uid: c.uid,
          callsign: c.callsign ?? '',
          username: c.username,
          lastEventTime: c.lastEventAt,
          lastStatus: 'Connected',
        })),
        nodeId: ctx.nodeId,
      });
    }
    case 'GET /Marti/api/tls/config':
      return tlsConfigAnswer(actor.org);
    case 'POST /Marti/api/tls/signClient/v2':
      throw new SeamError('not_found', 'certificates are signed on the enrolment port only');
    case 'POST /Marti/sync/missionupload': {
      const body = uploadedFile(req, await readBody(req, ctx.maxPackageBytes + 64 * 1024));
      if (body.length > ctx.maxPackageBytes)
        throw new SeamError('payload_too_large', `a data package may be at most ${ctx.maxPackageBytes} bytes`);
      const manifest = checkDataPackage(body);
      const p = await uploadDataPackage(ctx.store, actor, {
        hash: query(url, 'hash') ?? '',
        filename: query(url, 'filename') ?? `${manifest.name ?? 'package'}.zip`,
        name: manifest.name,
        creatorUid: query(url, 'creatorUid') ?? '',
        bytes: body,
      });
      return text(contentUrl(ctx, p.hash));
    }
    case 'GET /Marti/sync/missionquery': {
      const p = await findDataPackage(ctx.store, actor, query(url, 'hash') ?? '');
      if (!p) throw new SeamError('not_found', 'no data package with this hash');
      return text(contentUrl(ctx, p.hash));
    }
    case 'GET /Marti/sync/content': {
      const { pkg, bytes } = await dataPackageBytes(ctx.store, actor, query(url, 'hash') ?? '');
      return {
        status: 200,
        type: 'application/zip',
        body: bytes,
        headers: { 'content-disposition': `attachment; filename="${pkg.filename.replaceAll('"', '')}"` },
      };
    }
    case 'GET /Marti/sync/search': {
      const found = await searchDataPackages(ctx.store, actor);
      return json({
        resultCount: found.length,
        results: found.map((p) => ({
          UID: p.id,
          Name: p.name,
          Hash: p.hash,
          PrimaryKey: p.id,
          SubmissionDateTime: p.uploadedAt,
          SubmissionUser: p.uploadedBy,
          CreatorUid: p.creatorUid,
          Keywords: 'missionpackage',
          MIMEType: 'application/x-zip-compressed',
          Size: p.size,
        })),
      });
    }
    default:
      return null;
  }
}

function contentUrl(ctx: MartiContext, hash: string): string {
  return `${ctx.baseUrl}/Marti/sync/content?hash=${hash}`;
}
