/**
 * The CoT server's counters: connections, events in and out by CoT type, drops, refusals and
 * disconnections by reason, and queue depths, rendered in the Prometheus text format beside the
 * HTTP server's own metrics.
 */

/** Why an event was not delivered or a connection was ended. */
export type CotDropReason =
  | 'queue_full'
  | 'flood'
  | 'malformed'
  | 'entity'
  | 'too_large'
  | 'too_deep'
  | 'invalid'
  | 'unsupported';
export type CotDisconnectReason =
  | 'client_closed'
  | 'auth_failed'
  | 'auth_timeout'
  | 'auth_too_large'
  | 'slow_client'
  | 'flood'
  | 'fatal_stream_error'
  | 'socket_error'
  | 'kicked'
  | 'replaced'
  | 'server_closed';

export interface CotMetrics {
  /** Connections open now (authenticated or not). */
  connections: number;
  /** Connections accepted since the start. */
  connectionsTotal: number;
  /** Events read from clients, by CoT type (types cut to their first four parts). */
  eventsIn: Record<string, number>;
  /** Events written to clients, by CoT type (counted per recipient). */
  eventsOut: Record<string, number>;
  /** Events refused or dropped, by reason. */
  drops: Record<string, number>;
  /** Connections ended, by reason. */
  disconnections: Record<string, number>;
  /** Frames waiting in client queues now: the total and the deepest queue. */
  queued: number;
  deepestQueue: number;
}

const bump = (m: Record<string, number>, key: string, by = 1) => {
  m[key] = (m[key] ?? 0) + by;
};

/** A CoT type as a metric label: its first four parts, so no client can explode the label set. */
export function typeLabel(type: string): string {
  const parts = type.split('-', 5).slice(0, 4);
  const label = parts.join('-');
  return /^[A-Za-z0-9-]{1,24}$/.test(label) ? label : 'other';
}

export class CotCounters {
  connectionsTotal = 0;
  readonly eventsIn: Record<string, number> = {};
  readonly eventsOut: Record<string, number> = {};
  readonly drops: Record<string, number> = {};
  readonly disconnections: Record<string, number> = {};

  eventIn(type: string): void {
    bump(this.eventsIn, typeLabel(type));
  }

  /** An event written, by its type's label (see {@link typeLabel}). */
  eventOut(label: string, recipients = 1): void {
    bump(this.eventsOut, label, recipients);
  }

  drop(reason: CotDropReason, by = 1): void {
    bump(this.drops, reason, by);
  }

  disconnected(reason: CotDisconnectReason): void {
    bump(this.disconnections, reason);
  }
}

const esc = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"');

/** The metrics in the Prometheus text format. */
export function renderCotMetrics(m: CotMetrics): string {
  const out: string[] = [];
  const family = (
    name: string,
    help: string,
    kind: 'counter' | 'gauge',
    label: string,
    values: Record<string, number>,
  ) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${kind}`);
    for (const [k, v] of Object.entries(values)) out.push(`${name}{${label}="${esc(k)}"} ${v}`);
  };
  out.push('# HELP seam_cot_connections CoT client connections open.', '# TYPE seam_cot_connections gauge');
  out.push(`seam_cot_connections ${m.connections}`);
  out.push(
    '# HELP seam_cot_connections_total CoT client connections accepted.',
    '# TYPE seam_cot_connections_total counter',
  );
  out.push(`seam_cot_connections_total ${m.connectionsTotal}`);
  family('seam_cot_events_in_total', 'CoT events read from clients, by type.', 'counter', 'type', m.eventsIn);
  family('seam_cot_events_out_total', 'CoT events written to clients, by type.', 'counter', 'type', m.eventsOut);
  family('seam_cot_drops_total', 'CoT events refused or dropped, by reason.', 'counter', 'reason', m.drops);
  family('seam_cot_disconnections_total', 'CoT connections ended, by reason.', 'counter', 'reason', m.disconnections);
  out.push('# HELP seam_cot_queued_frames Frames waiting in client queues.', '# TYPE seam_cot_queued_frames gauge');
  out.push(`seam_cot_queued_frames ${m.queued}`);
  out.push('# HELP seam_cot_deepest_queue Frames in the deepest client queue.', '# TYPE seam_cot_deepest_queue gauge');
  out.push(`seam_cot_deepest_queue ${m.deepestQueue}`);
  return `${out.join('\n')}\n`;
}
