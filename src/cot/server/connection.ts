/**
 * One TAK client's stream: in-band authentication where the transport did not authenticate it,
 * the protocol offer and negotiation, pings, a flood limit and the codec's size limits on what it
 * sends, and a bounded queue of what it is sent, written in one batch per tick. Nothing a client
 * sends can throw out of here: every fault is counted, logged and, when the stream can no longer
 * be followed, ends this connection only.
 */
import type { Socket } from 'node:net';
import type { Actor } from '../../service/actor.ts';
import type { CotEvent } from '../event.ts';
import { pingType, protocolRequestType } from '../event.ts';
import {
  CotStreamDecoder,
  encodeStreamFrame,
  encodeXmlFrame,
  type StreamItem,
  type TakProtocolVersion,
} from '../framing.ts';
import { protocolOffer, protocolResponse, readProtocolRequest } from '../negotiation.ts';
import { pong } from './control-events.ts';
import type { CotCounters, CotDisconnectReason } from './cot-metrics.ts';
import { type InBandCredentials, scanInBandAuth } from './in-band-auth.ts';
import { OutFrame } from './out-frame.ts';
import { OutboundQueue } from './outbound-queue.ts';

export interface CotIdentity {
  actor: Actor;
  via: 'tcp-auth' | 'tls-cert';
  certSerial?: string;
}

export interface ConnectionLimits {
  /** Largest event accepted, in bytes. */
  maxEventBytes: number;
  /** Events a client may send per second (a burst of twice as many is allowed). */
  maxEventsPerSecond: number;
  /** Bytes allowed before in-band credentials, and how long they may take. */
  authMaxBytes: number;
  authTimeoutMs: number;
  /** Frames queued per client before position reports are dropped, and before the client is cut off. */
  queueCap: number;
  queueHardCap: number;
  /** Bytes written to a socket in one batch. */
  batchBytes: number;
}

/** What a connection asks of the server it belongs to. */
export interface ConnectionHost {
  readonly counters: CotCounters;
  readonly limits: ConnectionLimits;
  readonly serverUid: string;
  now(): number;
  log(level: 'info' | 'warn', msg: string, fields: Record<string, unknown>): void;
  /** The user the credentials belong to, or null (wrong, unknown, disabled, locked). */
  authenticate(credentials: InBandCredentials, from: string): Promise<Actor | null>;
  opened(conn: Connection): void;
  event(conn: Connection, event: CotEvent): void;
  /** The connection ended, whether or not it was ever open. */
  closed(conn: Connection): void;
}

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  readonly socket: Socket;
  readonly remote: string;
  identity: CotIdentity | null;
  /** The client's device uid (from its credentials or its first position report). */
  uid: string | null = null;
  callsign: string | null = null;
  lastEventAt: string;
  state: 'auth' | 'open' | 'closed' = 'auth';
  /** The uids of the units this connection reports positions for (its own, and any it relays). */
  readonly units = new Set<string>();
  /** Since when the client has been behind (its queue full or its socket not draining), or null. */
  behindSince: number | null = null;
  readonly queue: OutboundQueue;
  readonly #host: ConnectionHost;
  #version: TakProtocolVersion = 0;
  #decoder: CotStreamDecoder;
  #authBuf: Buffer | null = Buffer.alloc(0);
  #authTimer: NodeJS.Timeout | null = null;
  #flushScheduled = false;
  #tokens: number;
  #tokensAt: number;
  #floodDrops = 0;
  #floodWindow = 0;
  #lastErrorLog = 0;
  #roomWaiters: Array<() => void> = [];

  constructor(host: ConnectionHost, socket: Socket, identity: CotIdentity | null) {
    this.#host = host;
    this.socket = socket;
    this.identity = identity;
    this.remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.lastEventAt = new Date(host.now()).toISOString();
    const l = host.limits;
    this.queue = new OutboundQueue(l.queueCap, l.queueHardCap);
    this.#decoder = new CotStreamDecoder({ maxBytes: l.maxEventBytes });
    this.#tokens = 2 * l.maxEventsPerSecond;
    this.#tokensAt = host.now();
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.on('data', (chunk: Buffer) => this.#data(chunk));
    socket.on('drain', () => this.#flush());
    socket.on('error', () => this.close('socket_error'));
    socket.on('close', () => this.close('client_closed'));
    if (identity) this.#open();
    else {
      this.#authTimer = setTimeout(() => this.close('auth_timeout'), l.authTimeoutMs);
      this.#authTimer.unref();
    }
  }

  get version(): TakProtocolVersion {
    return this.#version;
  }

  get org(): string {
    return this.identity?.actor.org ?? '';
  }

  /** Queues a frame; a position report may push out an older one, a client too far behind is cut off. */
  send(frame: OutFrame): void {
    if (this.state !== 'open') return;
    const r = this.queue.push(frame);
    if (r === 'dropped_oldest' || r === 'dropped') this.#host.counters.drop('queue_full');
    if (r === 'overflow') {
      this.#host.counters.drop('queue_full');
      this.close('slow_client');
      return;
    }
    this.#markBehind();
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        this.#flush();
      });
    }
  }

  /**
   * Resolves once the queue is below its cap (at once when it is), or the connection closed: a
   * sender of many events (the shared picture) waits here instead of overflowing the queue.
   */
  room(): Promise<void> {
    if (this.state === 'closed' || this.queue.length < this.queue.cap) return Promise.resolve();
    return new Promise((resolve) => this.#roomWaiters.push(resolve));
  }

  #wakeRoom(): void {
    if (this.#roomWaiters.length === 0) return;
    if (this.state !== 'closed' && this.queue.length >= this.queue.cap / 2) return;
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const w of waiters) w();
  }

  /** Ends the connection (once), counting why. */
  close(reason: CotDisconnectReason): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.#authTimer) clearTimeout(this.#authTimer);
    this.#host.counters.disconnected(reason);
    if (reason !== 'client_closed') {
      this.#host.log(reason === 'server_closed' ? 'info' : 'warn', 'CoT connection closed', {
        reason,
        remote: this.remote,
        user: this.identity?.actor.username,
      });
    }
    this.queue.clear();
    this.socket.destroy();
    this.#wakeRoom();
    this.#host.closed(this);
  }

  #open(): void {
    this.state = 'open';
    if (this.#authTimer) clearTimeout(this.#authTimer);
    this.#authBuf = null;
    // The server's offer: the client may ask to switch to TAK protocol version 1.
    this.socket.write(encodeXmlFrame(protocolOffer(this.#host.serverUid, this.#host.now())));
    this.#host.opened(this);
  }

  #data(chunk: Buffer): void {
    if (this.state === 'closed') return;
    if (this.state === 'auth') {
      this.#authData(chunk);
      return;
    }
    this.#items(this.#decoder.push(chunk));
  }

  #authData(chunk: Buffer): void {
    if (this.#authBuf === null) return; // credentials being checked: the client must wait
    this.#authBuf = Buffer.concat([this.#authBuf, chunk]);
    const scan = scanInBandAuth(this.#authBuf, this.#host.limits.authMaxBytes);
    if (scan.kind === 'more') return;
    if (scan.kind === 'refused') {
      this.#host.counters.drop('malformed');
      this.#host.log('warn', 'CoT connection refused before authentication', {
        reason: scan.reason,
        remote: this.remote,
      });
      this.close(scan.reason.startsWith('no credentials') ? 'auth_too_large' : 'auth_failed');
      return;
    }
    this.#authBuf = null;
    // The client sent its credentials in time; how long checking them takes is the server's business.
    if (this.#authTimer) clearTimeout(this.#authTimer);
    this.socket.pause();
    const { credentials, rest } = scan;
    this.#host.authenticate(credentials, this.socket.remoteAddress ?? 'unknown').then(
      (actor) => {
        if (this.state === 'closed') return;
        if (!actor) {
          this.#host.log('warn', 'CoT authentication refused', { user: credentials.username, remote: this.remote });
          this.close('auth_failed');
          return;
        }
        this.identity = { actor, via: 'tcp-auth' };
        this.uid = credentials.uid;
        this.callsign = credentials.callsign;
        this.#open();
        this.socket.resume();
        if (rest.length) this.#data(rest);
      },
      (err: unknown) => {
        this.#host.log('warn', 'CoT authentication failed', { err: String(err), remote: this.remote });
        this.close('auth_failed');
      },
    );
  }

  #items(items: StreamItem[]): void {
    for (const item of items) {
      if (this.state !== 'open') return;
      if (item.kind === 'error') {
        this.#host.counters.drop(item.error.kind);
        const now = this.#host.now();
        // One line a second per connection at most: a hostile client must not flood the log either.
        if (now - this.#lastErrorLog > 1000 || item.fatal) {
          this.#lastErrorLog = now;
          this.#host.log('warn', 'CoT event refused', {
            kind: item.error.kind,
            error: item.error.message.slice(0, 200),
            remote: this.remote,
            user: this.identity?.actor.username,
          });
        }
        if (item.fatal) this.close('fatal_stream_error');
        continue;
      }
      const event = item.message.event;
      if (!event) continue;
      if (!this.#withinRate()) continue;
      this.#host.counters.eventIn(event.type);
      this.lastEventAt = new Date(this.#host.now()).toISOString();
      if (event.type === protocolRequestType) {
        this.#negotiate(event);
        return; // #negotiate reads what the decoder held after the request
      }
      if (event.type === pingType) {
        // Through the queue like everything else: a client that pings and never reads is bounded too.
        this.send(new OutFrame(pong(this.#host.now())));
        continue;
      }
      this.#host.event(this, event);
    }
  }

  /** A token bucket of `maxEventsPerSecond`; a client that keeps sending far over it is cut off. */
  #withinRate(): boolean {
    const rate = this.#host.limits.maxEventsPerSecond;
    const now = this.#host.now();
    this.#tokens = Math.min(2 * rate, this.#tokens + ((now - this.#tokensAt) / 1000) * rate);
    this.#tokensAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return true;
    }
    this.#host.counters.drop('flood');
    const second = Math.floor(now / 1000);
    if (second !== this.#floodWindow) {
      this.#floodWindow = second;
      this.#floodDrops = 0;
      this.#host.log('warn', 'CoT client over its event rate: events dropped', { remote: this.remote, rate });
    }
    if (++this.#floodDrops > 4 * rate) this.close('flood');
    return false;
  }

  /** Answers a protocol request in the current encoding, then both sides switch (or stay). */
  #negotiate(event: CotEvent): void {
    const asked = readProtocolRequest(event);
    const accepted = asked === 1;
    // What is queued goes out in the old encoding first, then the answer; later frames in the new one.
    this.#flush(true);
    this.#writeNow(encodeXmlOrProto(this.#version, protocolResponse(event.uid, this.#host.now(), accepted)));
    if (accepted) this.#version = 1;
    this.#items(this.#decoder.setVersion(this.#version));
  }

  #writeNow(bytes: Buffer): void {
    if (this.state !== 'open') return;
    this.socket.write(bytes);
  }

  #markBehind(): void {
    const behind = this.queue.length >= this.queue.cap || this.socket.writableNeedDrain;
    if (!behind) this.behindSince = null;
    else this.behindSince ??= this.#host.now();
  }

  /** Writes what is queued, one buffer per batch, until the socket pushes back. */
  #flush(all = false): void {
    if (this.state !== 'open') return;
    const version = this.#version;
    const counters = this.#host.counters;
    while (this.queue.length > 0 && (all || !this.socket.writableNeedDrain)) {
      const { chunks, frames, bytes } = this.queue.take((f) => f.bytes(version), this.#host.limits.batchBytes);
      for (const f of frames) counters.eventOut(f.label);
      this.socket.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes));
    }
    this.#markBehind();
    this.#wakeRoom();
  }
}

function encodeXmlOrProto(version: TakProtocolVersion, event: CotEvent): Buffer {
  return version === 0 ? encodeXmlFrame(event) : encodeStreamFrameOf(event);
}

const encodeStreamFrameOf = (event: CotEvent) => encodeStreamFrame({ event });
