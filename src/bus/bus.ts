/**
 * One committed change, as the change log keeps it: where it sits in this site's log, the site
 * that first wrote it and its position there, what it routes and is decided on by (owner,
 * releasability, JCC), who made it, and the record after it (null when deleted) with its version.
 */
export interface ChangeEvent {
  seq: number;
  /** The site that first wrote the change, and its sequence number there (this site: `seq`). */
  origin: string;
  originSeq: number;
  at: string;
  recordType: string;
  recordId: string;
  op: 'create' | 'update' | 'delete';
  ownerOrg: string | null;
  releasability: string | null;
  jcc: string | null;
  actor: string | null;
  /** The record's version after the change, for records that carry one. */
  version: number | null;
  data: unknown;
}

export type ChangeListener = (event: ChangeEvent) => void;

export interface Bus {
  publish(event: ChangeEvent): void;
  subscribe(listener: ChangeListener): () => void;
}

/**
 * The in-process bus of a single-node deployment. A listener that throws is reported through
 * `onError` and does not stop the others: a change is committed whatever its listeners do.
 */
export class InProcessBus implements Bus {
  readonly #listeners = new Set<ChangeListener>();
  readonly #onError: (err: unknown) => void;

  constructor(onError: (err: unknown) => void = (err) => console.error('bus listener failed', err)) {
    this.#onError = onError;
  }

  publish(event: ChangeEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.#onError(err);
      }
    }
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
