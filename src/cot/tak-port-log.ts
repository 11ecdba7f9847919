/** Counts of what the TAK ports refused, by port and reason, for logs and metrics. */
export class TakPortCounters {
  readonly #refused = new Map<string, number>();
  accepted = 0;

  refuse(port: 'tls' | 'marti' | 'enrol', reason: string): void {
    const key = `${port}:${reason}`;
    this.#refused.set(key, (this.#refused.get(key) ?? 0) + 1);
  }

  /** Refusals so far, by `port:reason`. */
  refused(): Record<string, number> {
    return Object.fromEntries(this.#refused);
  }

  /** The counters in Prometheus text format. */
  render(): string {
    const out = [
      '# HELP seam_tak_refused_total TAK connections and requests refused, by port and reason.',
      '# TYPE seam_tak_refused_total counter',
    ];
    for (const [k, v] of this.#refused) {
      const [port, reason] = k.split(':');
      out.push(`seam_tak_refused_total{port="${port}",reason="${reason}"} ${v}`);
    }
    out.push('# TYPE seam_tak_tls_accepted_total counter', `seam_tak_tls_accepted_total ${this.accepted}`);
    return `${out.join('\n')}\n`;
  }
}

/** Where the TAK ports write their log lines (one line each, never a key or a password). */
export type TakLog = (line: string, fields?: Record<string, unknown>) => void;
