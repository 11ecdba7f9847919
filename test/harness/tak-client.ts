/**
 * A TAK client over a real socket, for tests: sends TAK's in-band credentials, reads the server's
 * events with Seam's own stream decoder (switching to protocol version 1 when it asked and the
 * server agreed), keeps the raw bytes of each event for an independent parser, and answers
 * `waitFor` questions with a timeout.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { CotEvent } from '../../src/cot/event.ts';
import { protocolResponseType } from '../../src/cot/event.ts';
import { CotStreamDecoder, encodeStreamFrame, encodeXmlFrame } from '../../src/cot/framing.ts';
import { protocolRequest, readProtocolOffer, readProtocolResponse } from '../../src/cot/negotiation.ts';
import { escapeXmlAttr } from '../../src/io/xml-escape.ts';

export interface TakClientOptions {
  username: string;
  password: string;
  uid: string;
  callsign?: string;
  /** Ask for TAK protocol version 1 when the server offers it. */
  protobuf?: boolean;
  /** Do not send credentials (the test sends its own bytes). */
  noAuth?: boolean;
}

export class TakClient {
  readonly socket: Socket;
  readonly options: TakClientOptions;
  readonly events: CotEvent[] = [];
  /** Each event as it came on the wire: XML text, or a version 1 message's protobuf bytes. */
  readonly raw: Array<{ xml: string } | { proto: Uint8Array }> = [];
  version: 0 | 1 = 0;
  closed = false;
  readonly #decoder = new CotStreamDecoder();
  #pending = Buffer.alloc(0);
  #waiters = new Set<() => void>();

  private constructor(socket: Socket, options: TakClientOptions) {
    this.socket = socket;
    this.options = options;
    socket.on('data', (chunk: Buffer) => this.#data(chunk));
    socket.on('close', () => {
      this.closed = true;
      this.#wake();
    });
    socket.on('error', () => {});
  }

  static connect(port: number, options: TakClientOptions): Promise<TakClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        const client = new TakClient(socket, options);
        if (!options.noAuth) {
          const cs = options.callsign ? ` callsign="${escapeXmlAttr(options.callsign)}"` : '';
          socket.write(
            `<?xml version="1.0"?>\n<auth><cot username="${escapeXmlAttr(options.username)}" password="${escapeXmlAttr(options.password)}" uid="${escapeXmlAttr(options.uid)}"${cs}/></auth>`,
          );
        }
        resolve(client);
      });
      socket.once('error', reject);
    });
  }

  /**
   * Connects over TLS with a client certificate (the TLS CoT port): no in-band credentials, the
   * certificate is the identity. Resolves once this side finished its handshake; a server that then
   * refuses the certificate closes the connection (see `waitClosed`).
   */
  static connectTls(
    port: number,
    tlsOptions: { ca: string; cert: string; key: string; servername?: string },
    options: Omit<TakClientOptions, 'password' | 'noAuth'>,
  ): Promise<TakClient> {
    return new Promise((resolve, reject) => {
      const socket = tlsConnect({ port, host: '127.0.0.1', servername: 'localhost', ...tlsOptions }, () =>
        resolve(new TakClient(socket, { ...options, password: '', noAuth: true })),
      );
      socket.once('error', reject);
    });
  }

  /** Splits XML input after each `</event>`, so a switch to version 1 happens exactly after the answer. */
  #data(chunk: Buffer): void {
    if (this.version === 1) {
      this.#proto(chunk);
      return;
    }
    let buf = Buffer.concat([this.#pending, chunk]);
    this.#pending = Buffer.alloc(0);
    for (;;) {
      const end = buf.indexOf('</event>');
      if (end < 0) break;
      const piece = buf.subarray(0, end + 8);
      buf = buf.subarray(end + 8);
      const text = piece.toString('utf8');
      const start = text.lastIndexOf('<event');
      if (start >= 0) this.raw.push({ xml: text.slice(start) });
      for (const item of this.#decoder.push(piece)) this.#item(item);
      // #item may have switched the version.
      if ((this.version as number) === 1) {
        this.#proto(buf);
        return;
      }
    }
    this.#pending = Buffer.from(buf);
  }

  #proto(chunk: Buffer): void {
    this.#pending = Buffer.concat([this.#pending, chunk]);
    // Keep each message's bytes for the oracle: 0xbf <varint length> <TakMessage>.
    for (;;) {
      const b = this.#pending;
      if (b.length < 2 || b[0] !== 0xbf) break;
      let len = 0;
      let i = 1;
      let shift = 0;
      let done = false;
      while (i < b.length) {
        const byte = b[i++];
        len += (byte & 0x7f) * 2 ** shift;
        shift += 7;
        if (!(byte & 0x80)) {
          done = true;
          break;
        }
      }
      if (!done || b.length < i + len) break;
      this.raw.push({ proto: Uint8Array.from(b.subarray(i, i + len)) });
      for (const item of this.#decoder.push(b.subarray(0, i + len))) this.#item(item);
      this.#pending = b.subarray(i + len);
    }
  }

  #item(item: ReturnType<CotStreamDecoder['push']>[number]): void {
    if (item.kind === 'error') throw new Error(`the server sent a bad event: ${item.error.message}`);
    const e = item.message.event;
    if (!e) return;
    this.events.push(e);
    if (this.options.protobuf && readProtocolOffer(e).includes(1) && this.version === 0) {
      this.socket.write(encodeXmlFrame(protocolRequest(e.uid, Date.now(), 1)));
    }
    if (e.type === protocolResponseType && readProtocolResponse(e) === true) {
      this.version = 1;
      this.#decoder.setVersion(1);
    }
    this.#wake();
  }

  #wake(): void {
    for (const w of this.#waiters) w();
  }

  /** Sends an event in the connection's current encoding. */
  send(e: CotEvent): void {
    this.socket.write(this.version === 0 ? encodeXmlFrame(e) : encodeStreamFrame({ event: e }));
  }

  /** The first event (seen so far or to come) that matches, or an error after `ms`. */
  waitFor(match: (e: CotEvent) => boolean, ms = 5000, what = 'an event'): Promise<CotEvent> {
    return this.#until(() => this.events.find(match), ms, what);
  }

  /** Resolves once the server closed the connection. */
  waitClosed(ms = 5000): Promise<true> {
    return this.#until(() => (this.closed ? true : undefined), ms, 'the connection to close');
  }

  #until<T>(check: () => T | undefined, ms: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const now = check();
      if (now !== undefined) {
        resolve(now);
        return;
      }
      const waiter = () => {
        const v = check();
        if (v === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what} (${this.options.username}, ${this.events.length} events)`));
      }, ms);
      this.#waiters.add(waiter);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A position report of a unit (its own uid, `how` m-g), as ATAK sends it every few seconds. */
export function positionReport(uid: string, callsign: string, lon: number, lat: number, nowMs = Date.now()): CotEvent {
  const time = new Date(nowMs).toISOString();
  return {
    uid,
    type: 'a-f-G-U-C',
    how: 'm-g',
    time,
    start: time,
    stale: new Date(nowMs + 60_000).toISOString(),
    point: { lat, lon, hae: 250, ce: 10, le: 9999999 },
    detail: { contact: { callsign, endpoint: '*:-1:stcp' }, group: { name: 'Cyan', role: 'Team Member' } },
  };
}

/** Any CoT event with the given type, uid and extra detail XML. */
export function cotEvent(
  uid: string,
  type: string,
  how: string,
  lon: number,
  lat: number,
  xmlDetail?: string,
): CotEvent {
  const now = Date.now();
  const time = new Date(now).toISOString();
  return {
    uid,
    type,
    how,
    time,
    start: time,
    stale: new Date(now + 600_000).toISOString(),
    point: { lat, lon, hae: 9999999, ce: 9999999, le: 9999999 },
    detail: xmlDetail ? { xmlDetail } : {},
  };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
