/**
 * Seam's CoT streaming server, in the same process as the HTTP server. Each connection is a Seam
 * user (a client certificate checked by the TLS listener, or TAK's in-band credentials on plain
 * TCP). Position reports are relayed only to the clients whose organisation may see the sender
 * organisation's positions (its position sharing, decided by the one access policy, cached per
 * organisation pair); the shared picture (incidents, activities, requests, alerts) reaches each
 * client as its user may see it; incident reports and GeoChat from the field go through the one
 * write path. A slow or stalled client only ever fills its own bounded queue.
 */
import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import type { Bus } from '../../bus/bus.ts';
import { SeamError } from '../../domain/errors.ts';
import type { Actor } from '../../service/actor.ts';
import { actorFromPassword } from '../../service/auth.ts';
import { type UnitPositions, unitPositionsOf } from '../../service/unit-positions.ts';
import type { Store } from '../../store/store.ts';
import { type CotEvent, geoChatType } from '../event.ts';
import { listenOn } from '../listen.ts';
import { addressedTo, type MartiDest, martiDest } from '../marti-dest.ts';
import { defaultMaxBytes } from '../xml.ts';
import { Connection, type ConnectionHost, type ConnectionLimits, type CotIdentity } from './connection.ts';
import type { CotLog } from './cot-log.ts';
import { CotCounters, type CotMetrics, renderCotMetrics } from './cot-metrics.ts';
import { FieldReports } from './field-reports.ts';
import { GeoChatRelay } from './geochat-relay.ts';
import type { InBandCredentials } from './in-band-auth.ts';
import { OutFrame } from './out-frame.ts';
import { PositionAudience } from './position-audience.ts';
import { SharedPicture } from './shared-picture.ts';

export type { CotIdentity } from './connection.ts';
export type { CotMetrics } from './cot-metrics.ts';

export interface CotServerOptions extends Partial<ConnectionLimits> {
  /** How long a client may stay behind (queue at its cap, or socket not draining) before it is cut off. */
  slowClientMs?: number;
  /** How far back the shared picture sent on connect reaches, in hours (default 24). */
  recentHours?: number;
  /** How often a connected user is checked to be still enabled (default 30 s). */
  userRecheckMs?: number;
  /** How often the position sharing settings are re-read (another process may change them). */
  sharingRefreshMs?: number;
  /** Where log lines go (default: none). */
  log?: CotLog;
}

const defaults: ConnectionLimits = {
  maxEventBytes: defaultMaxBytes,
  maxEventsPerSecond: 50,
  authMaxBytes: 4096,
  authTimeoutMs: 10_000,
  queueCap: 512,
  queueHardCap: 4096,
  batchBytes: 64 * 1024,
};

/** Units one connection may report positions for (a gateway relaying a few trackers, not thousands). */
const maxUnitsPerConnection = 256;

/** A position report: a unit's own `a-…` event, or any `a-…` event a machine measured (`how` m-…). */
function isPositionReport(conn: Connection, e: CotEvent): boolean {
  return e.type.startsWith('a-') && (e.uid === conn.uid || e.how.startsWith('m-'));
}

export class CotServer implements ConnectionHost {
  readonly counters = new CotCounters();
  readonly limits: ConnectionLimits;
  readonly serverUid = `seam-${randomUUID()}`;
  readonly #store: Store;
  readonly #options: CotServerOptions;
  readonly #conns = new Set<Connection>();
  readonly #byOrg = new Map<string, Set<Connection>>();
  /** The latest position of each unit, by its uid: ephemeral, never written. */
  readonly #positions = new Map<string, { frame: OutFrame; org: string; conn: Connection }>();
  readonly #audience: PositionAudience;
  readonly #reports: FieldReports;
  readonly #chat: GeoChatRelay;
  readonly #pictures = new Map<Connection, SharedPicture>();
  readonly #units: UnitPositions;
  readonly #servers = new Set<Server>();
  readonly #sweep: NodeJS.Timeout;
  readonly #ready: Promise<void>;
  #closed = false;

  constructor(deps: { store: Store; bus: Bus; options?: CotServerOptions }) {
    this.#store = deps.store;
    this.#options = deps.options ?? {};
    this.limits = { ...defaults, ...stripUndefined(this.#options) };
    this.#audience = new PositionAudience(deps.store, this.#options.sharingRefreshMs ?? 10_000);
    this.#ready = this.#audience.refresh();
    this.#reports = new FieldReports(deps.store, this.log.bind(this));
    this.#chat = new GeoChatRelay(deps.store, this.log.bind(this));
    this.#units = unitPositionsOf(deps.store);
    const slowMs = this.#options.slowClientMs ?? 10_000;
    this.#sweep = setInterval(() => this.#sweepSlow(slowMs), Math.min(1000, Math.max(50, slowMs / 4)));
    this.#sweep.unref();
  }

  now(): number {
    return this.#store.now().getTime();
  }

  log(level: 'info' | 'warn', msg: string, fields: Record<string, unknown>): void {
    this.#options.log?.(level, msg, fields);
  }

  async authenticate(c: InBandCredentials, from: string): Promise<Actor | null> {
    await this.#ready;
    try {
      return await actorFromPassword(this.#store, c.username, c.password, from);
    } catch (e) {
      if (e instanceof SeamError) return null;
      throw e;
    }
  }

  /** Serves a connected socket; `identity` null: the client authenticates in band (plain TCP). */
  accept(socket: Socket, identity: CotIdentity | null): void {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    this.counters.connectionsTotal++;
    const conn = new Connection(this, socket, identity);
    if (conn.state !== 'closed') this.#conns.add(conn);
  }

  /** Listens for plain TCP clients (in-band credentials); meant for loopback and exercises. */
  listenTcp(host: string, port: number): Promise<AddressInfo> {
    const server = createServer((socket) => this.accept(socket, null));
    this.#servers.add(server);
    return listenOn(server, host, port);
  }

  opened(conn: Connection): void {
    const org = conn.org;
    let set = this.#byOrg.get(org);
    if (!set) {
      set = new Set();
      this.#byOrg.set(org, set);
    }
    set.add(conn);
    // The units already on the air that this client may see.
    for (const p of this.#positions.values()) {
      if (p.conn !== conn && this.#audience.allowed(p.org, org)) conn.send(p.frame);
    }
    const picture = new SharedPicture(this.#store, conn, {
      recentHours: this.#options.recentHours ?? 24,
      recheckMs: this.#options.userRecheckMs ?? 30_000,
      log: this.log.bind(this),
    });
    this.#pictures.set(conn, picture);
    picture.start();
  }

  closed(conn: Connection): void {
    this.#conns.delete(conn);
    this.#byOrg.get(conn.org)?.delete(conn);
    this.#pictures.get(conn)?.stop();
    this.#pictures.delete(conn);
    for (const uid of conn.units) {
      if (this.#positions.get(uid)?.conn !== conn) continue;
      this.#positions.delete(uid);
      this.#units.remove(uid);
    }
  }

  event(conn: Connection, e: CotEvent): void {
    const identity = conn.identity;
    if (!identity) return;
    // A client may not speak for Seam (its markers' uids) nor for a unit another connection is.
    const owner = this.#positions.get(e.uid)?.conn;
    if (owner && owner !== conn && owner.identity?.actor.userId === identity.actor.userId) {
      // The same user's device again on a new connection (its old one not yet seen to die): the new one wins.
      owner.close('replaced');
    } else if (e.uid.startsWith('seam.') || (owner && owner !== conn)) {
      this.counters.drop('invalid');
      return;
    }
    if (isPositionReport(conn, e)) {
      conn.uid ??= e.uid;
      if (e.uid === conn.uid && e.detail.contact) conn.callsign = e.detail.contact.callsign;
      this.#relayPosition(conn, e);
      return;
    }
    if (e.type === geoChatType) {
      const dest = martiDest(e);
      const kept = this.#chat.received(identity.actor, conn.uid ?? e.uid, e, (frame, recipientOk) => {
        for (const c of this.#conns) {
          if (c !== conn && c.state === 'open' && recipientOk(c.org) && addressedTo(dest, c)) c.send(frame);
        }
      });
      if (!kept) this.counters.drop('invalid');
      return;
    }
    if (this.#reports.handles(e)) {
      if (!this.#reports.received(identity.actor, e)) this.counters.drop('flood');
      return;
    }
    // Markers and other shared events go where the sender organisation's positions may go.
    const stamp = this.#audience.stamp(conn.org);
    this.#fanOut(
      conn,
      new OutFrame(stamp ? { ...e, caveat: stamp.caveat, releaseableTo: stamp.releaseableTo } : e),
      martiDest(e),
    );
  }

  #relayPosition(conn: Connection, e: CotEvent): void {
    // The units one connection may report for are bounded: a client inventing uids cannot grow memory.
    if (!conn.units.has(e.uid)) {
      if (conn.units.size >= maxUnitsPerConnection) {
        this.counters.drop('flood');
        return;
      }
      conn.units.add(e.uid);
    }
    // The event says who it is released to, as every event Seam sends does.
    const stamp = this.#audience.stamp(conn.org);
    const frame = new OutFrame(stamp ? { ...e, caveat: stamp.caveat, releaseableTo: stamp.releaseableTo } : e, true);
    this.#positions.set(e.uid, { frame, org: conn.org, conn });
    const sharing = this.#audience.sharingOf(conn.org);
    if (sharing) {
      this.#units.update({
        uid: e.uid,
        org: conn.org,
        releasability: sharing,
        callsign: e.detail.contact?.callsign ?? null,
        type: e.type,
        lon: e.point.lon,
        lat: e.point.lat,
        at: e.time,
        stale: e.stale,
      });
    }
    this.#fanOut(conn, frame);
  }

  /** Sends a frame to every other open client whose organisation may see the sender organisation's positions. */
  #fanOut(from: Connection, frame: OutFrame, dest: MartiDest | null = null): void {
    for (const org of this.#audience.recipients(from.org)) {
      const set = this.#byOrg.get(org);
      if (!set) continue;
      // Addressed to particular contacts (marti/dest): only those, and still only where allowed.
      for (const c of set) if (c !== from && (dest === null || addressedTo(dest, c))) c.send(frame);
    }
  }

  #sweepSlow(slowMs: number): void {
    const now = this.now();
    for (const c of this.#conns) {
      if (c.state === 'open' && c.behindSince !== null && now - c.behindSince > slowMs) c.close('slow_client');
    }
  }

  /** The connected clients, for the Marti API's clientEndPoints. */
  clients(): Array<{
    uid: string;
    callsign: string | null;
    username: string;
    org: string;
    lastEventAt: string;
    via: string;
  }> {
    const out = [];
    for (const c of this.#conns) {
      if (c.state !== 'open' || !c.identity) continue;
      out.push({
        uid: c.uid ?? `seam-connection-${c.id}`,
        callsign: c.callsign,
        username: c.identity.actor.username,
        org: c.identity.actor.org,
        lastEventAt: c.lastEventAt,
        via: c.identity.via,
      });
    }
    return out;
  }

  /** Ends the connections of a user or of a certificate (e.g. on revocation); returns how many. */
  disconnect(where: { username?: string; certSerial?: string }): number {
    if (where.username === undefined && where.certSerial === undefined) return 0;
    let n = 0;
    for (const c of [...this.#conns]) {
      const id = c.identity;
      if (!id) continue;
      if (where.username !== undefined && id.actor.username !== where.username) continue;
      if (where.certSerial !== undefined && id.certSerial !== where.certSerial) continue;
      c.close('kicked');
      n++;
    }
    return n;
  }

  metrics(): CotMetrics {
    let queued = 0;
    let deepest = 0;
    for (const c of this.#conns) {
      queued += c.queue.length;
      deepest = Math.max(deepest, c.queue.length);
    }
    const k = this.counters;
    return {
      // Connections leave the set when they end, authenticated or not.
      connections: this.#conns.size,
      connectionsTotal: k.connectionsTotal,
      eventsIn: { ...k.eventsIn },
      eventsOut: { ...k.eventsOut },
      drops: { ...k.drops },
      disconnections: { ...k.disconnections },
      queued,
      deepestQueue: deepest,
    };
  }

  /** The metrics in the Prometheus text format, for the server's /metrics. */
  metricsText(): string {
    return renderCotMetrics(this.metrics());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweep);
    this.#audience.close();
    for (const c of [...this.#conns]) c.close('server_closed');
    await Promise.all([...this.#servers].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    await this.#reports.idle();
    await this.#chat.idle();
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
