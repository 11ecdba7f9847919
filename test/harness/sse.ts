export interface SseEvent {
  id: string | null;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read events as untyped JSON and assert on their shape
  data: any;
}

export interface SseClient {
  status: number;
  events: SseEvent[];
  /** Resolves with the events once `done(events)` holds, or rejects after `ms`. */
  until(done: (events: SseEvent[]) => boolean, ms?: number): Promise<SseEvent[]>;
  close(): void;
}

/** Opens a Server-Sent Events stream with fetch and parses its events as they arrive. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  if (res.ok && res.body) {
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            const fields = { id: null as string | null, event: 'message', data: '' };
            let hasData = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const key = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (key === 'id') fields.id = value;
              else if (key === 'event') fields.event = value;
              else if (key === 'data') {
                fields.data += value;
                hasData = true;
              }
            }
            if (hasData) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
            for (const w of waiters) w();
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: res.status,
    events,
    until(done, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (done(events)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(events);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`stream condition not met within ${ms} ms; got ${JSON.stringify(events.map((e) => e.id))}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close() {
      controller.abort();
    },
  };
}
