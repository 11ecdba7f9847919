// The CoT relay benchmark's load generator, in a process of its own: N TAK clients over TCP, each
// sending ATAK-like position reports at a fixed rate (from a random phase) and timing every other
// client's report it receives. The send time rides in the report's remarks (`bench t=<ms>`), and
// sending and receiving happen in this one process, so the latency needs no clock agreement. The
// received streams are scanned for that marker only (not decoded), so the generator stays light.
// A number of clients may be stalled: they send but never read. Configured by a JSON argument;
// reports its phases and, at the end, its figures over IPC.
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { CotEvent } from '../src/cot/event.ts';
import { encodeXmlFrame } from '../src/cot/framing.ts';
import { benchOrgs, benchPassword, benchUsername, usersPerOrg } from './cot-bench-site.ts';

export interface LoadConfig {
  port: number;
  clients: number;
  /** Position reports per second, per client. */
  rate: number;
  warmupMs: number;
  measureMs: number;
  /** Send TAK's in-band credentials and wait for the server's protocol offer (Seam), or not (the plain fan-out). */
  auth: boolean;
  /** Clients that never read what they are sent (the last ones; they alternate organisations too). */
  stalled: number;
}

export interface LoadResult {
  joined: number;
  sent: number;
  /** Reports received by the reading clients during the measured window. */
  delivered: number;
  deliveriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  /** Connections the server ended during the run, reading and stalled. */
  closedReading: number;
  closedStalled: number;
  /** Cores of CPU time this generator used while measuring (it shares the machine with the server). */
  cpuCores: number;
  /** The p99 of this generator's own event loop delay while measuring: latency that is the machine's, not the server's. */
  loopDelayP99Ms: number;
  /** The longest this generator's event loop stood still while measuring. */
  loopDelayMaxMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const marker = Buffer.from('bench t=');
const lt = 0x3c; // '<'

/** Latencies in 10 µs buckets up to 10 s, and one bucket beyond. */
class Histogram {
  readonly buckets = new Uint32Array(1_000_001);
  count = 0;
  max = 0;
  add(ms: number): void {
    this.buckets[Math.min(1_000_000, Math.max(0, Math.floor(ms * 100)))]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const want = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i];
      if (seen >= want) return (i + 1) / 100;
    }
    return this.max;
  }
}

const histogram = new Histogram();
let measuring = false;
let delivered = 0;
let sent = 0;

class Client {
  readonly index: number;
  readonly uid: string;
  readonly org: string;
  readonly stalled: boolean;
  socket!: Socket;
  closed = false;
  #carry: Buffer | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(index: number) {
    this.index = index;
    this.uid = `BENCH-${index}`;
    this.org = benchOrgs[index % benchOrgs.length];
    this.stalled = index >= config.clients - config.stalled;
  }

  /** Connects, signs in where the server asks it, and resolves once the server has let it in. */
  join(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(config.port, '127.0.0.1');
      this.socket = socket;
      socket.setNoDelay(true);
      let waiting = config.auth;
      socket.once('connect', () => {
        if (config.auth) {
          const user = benchUsername(this.org, Math.floor(this.index / benchOrgs.length) % usersPerOrg);
          socket.write(
            `<?xml version="1.0"?>\n<auth><cot username="${user}" password="${benchPassword}" uid="${this.uid}" callsign="U${this.index}"/></auth>`,
          );
        } else resolve();
      });
      socket.on('data', (chunk: Buffer) => {
        if (waiting && chunk.includes('t-x-takp-v')) {
          waiting = false;
          if (this.stalled) socket.pause();
          resolve();
        }
        this.#read(chunk);
      });
      socket.on('error', (e) => {
        if (waiting) reject(e);
      });
      socket.on('close', () => {
        this.closed = true;
        this.stop();
        if (waiting) reject(new Error(`${this.uid}: closed before it was let in`));
      });
      if (!config.auth && this.stalled) socket.pause();
    });
  }

  start(): void {
    const period = 1000 / config.rate;
    setTimeout(() => {
      if (this.closed) return;
      this.#send();
      this.#timer = setInterval(() => this.#send(), period);
    }, Math.random() * period);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #send(): void {
    if (this.closed) return;
    const now = performance.now();
    const wall = performance.timeOrigin + now;
    const time = new Date(wall).toISOString();
    const lon = 44.0 + (this.index % 100) * 0.008;
    const lat = 35.2 + Math.floor(this.index / 100) * 0.1 + ((wall / 1000) % 60) * 1e-4;
    const e: CotEvent = {
      uid: this.uid,
      type: 'a-f-G-U-C',
      how: 'm-g',
      time,
      start: time,
      stale: new Date(wall + 60_000).toISOString(),
      point: { lat, lon, hae: 250, ce: 10, le: 9999999 },
      detail: {
        takv: { device: 'BENCH', platform: 'ATAK-CIV', os: '34', version: '5.2.0' },
        contact: { callsign: `U${this.index}`, endpoint: '*:-1:stcp' },
        group: { name: this.org === 'isf' ? 'Cyan' : 'Green', role: 'Team Member' },
        status: { battery: 80 },
        track: { speed: 1.2, course: 90 },
        xmlDetail: `<remarks>bench t=${now.toFixed(3)}</remarks>`,
      },
    };
    this.socket.write(encodeXmlFrame(e));
    sent++;
  }

  /** Finds each marker in the stream (it may be split between chunks) and times its report. */
  #read(chunk: Buffer): void {
    const data = this.#carry ? Buffer.concat([this.#carry, chunk]) : chunk;
    this.#carry = null;
    let pos = 0;
    for (;;) {
      const at = data.indexOf(marker, pos);
      if (at < 0) {
        const keep = Math.max(pos, data.length - (marker.length - 1));
        if (keep < data.length) this.#carry = Buffer.from(data.subarray(keep));
        return;
      }
      const end = data.indexOf(lt, at + marker.length);
      if (end < 0) {
        this.#carry = Buffer.from(data.subarray(at));
        return;
      }
      if (measuring) {
        const t = Number(data.toString('latin1', at + marker.length, end));
        histogram.add(performance.now() - t);
        delivered++;
      }
      pos = end;
    }
  }
}

const send = (m: unknown) => process.send?.(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const clients = Array.from({ length: config.clients }, (_, i) => new Client(i));
// Sign-ins check a password hash each: a few at a time, as a field of devices coming up would.
for (let i = 0; i < clients.length; i += 16) await Promise.all(clients.slice(i, i + 16).map((c) => c.join()));
send({ phase: 'joined' });
for (const c of clients) c.start();
await sleep(config.warmupMs);
measuring = true;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
send({ phase: 'measuring' });
await sleep(config.measureMs);
measuring = false;
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
loopDelay.disable();
for (const c of clients) c.stop();
const result: LoadResult = {
  joined: clients.length,
  sent,
  delivered,
  deliveriesPerSecond: delivered / seconds,
  p50Ms: histogram.quantile(0.5),
  p99Ms: histogram.quantile(0.99),
  p999Ms: histogram.quantile(0.999),
  maxMs: histogram.max,
  closedReading: clients.filter((c) => c.closed && !c.stalled).length,
  closedStalled: clients.filter((c) => c.closed && c.stalled).length,
  cpuCores: (cpu.user + cpu.system) / 1e6 / seconds,
  loopDelayP99Ms: loopDelay.percentile(99) / 1e6 - 1 /* the timer interval itself */,
  loopDelayMaxMs: loopDelay.max / 1e6 - 1,
};
send({ phase: 'done', result });
// The connections stay until the bench has read the server's metrics, so their end is not counted.
process.once('message', () => {
  for (const c of clients) c.socket.destroy();
  process.disconnect?.();
});
