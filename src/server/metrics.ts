import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';

const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

function label(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** Request counts and latencies by route, database size and change-log position, in Prometheus text format. */
export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #latency = new Map<string, Series>();
  readonly #sources: ReadonlyArray<() => string>;

  /** `sources`: other parts of the process (the CoT server) whose metrics are rendered after these. */
  constructor(sources: ReadonlyArray<() => string> = []) {
    this.#sources = sources;
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${label(method)}",route="${label(route)}",status="${status}"`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    const lkey = `method="${label(method)}",route="${label(route)}"`;
    let s = this.#latency.get(lkey);
    if (!s) {
      s = { count: 0, sum: 0, buckets: buckets.map(() => 0) };
      this.#latency.set(lkey, s);
    }
    s.count++;
    s.sum += seconds;
    buckets.forEach((b, i) => {
      if (seconds <= b) s.buckets[i]++;
    });
  }

  async render(store: Store): Promise<string> {
    const out: string[] = [];
    out.push(
      '# HELP seam_http_requests_total HTTP requests by route and status.',
      '# TYPE seam_http_requests_total counter',
    );
    for (const [k, v] of this.#requests) out.push(`seam_http_requests_total{${k}} ${v}`);
    out.push('# HELP seam_http_request_duration_seconds HTTP request latency by route.');
    out.push('# TYPE seam_http_request_duration_seconds histogram');
    for (const [k, s] of this.#latency) {
      for (const [i, b] of buckets.entries()) {
        out.push(`seam_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`);
      }
      out.push(`seam_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
      out.push(`seam_http_request_duration_seconds_sum{${k}} ${s.sum}`);
      out.push(`seam_http_request_duration_seconds_count{${k}} ${s.count}`);
    }
    const dbBytes = await store.size();
    out.push('# HELP seam_database_bytes Size of the database file and its write-ahead log.');
    out.push('# TYPE seam_database_bytes gauge', `seam_database_bytes ${dbBytes}`);
    out.push('# HELP seam_change_log_seq Highest change-log sequence number committed.');
    out.push('# TYPE seam_change_log_seq gauge', `seam_change_log_seq ${await store.changeLog.lastSeq()}`);
    let text = `${out.join('\n')}\n`;
    for (const source of this.#sources) text += source();
    return text;
  }
}

/** Times every request under its route pattern (never the raw URL, which would explode the label set). */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}
