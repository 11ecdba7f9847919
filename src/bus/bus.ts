/** What every committed change announces: enough to route it and to ask the access policy, not the record itself. */
export interface ChangeEvent {
  seq: number;
  at: string;
  recordType: string;
  recordId: string;
  op: 'create' | 'update' | 'delete';
  ownerOrg: string | null;
  releasability: string | null;
  jcc: string | null;
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
