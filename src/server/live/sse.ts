import type { ServerResponse } from 'node:http';

/** Opens a Server-Sent Events response: headers that keep proxies from buffering or caching it. */
export function openSseResponse(res: ServerResponse, requestId: string, retryMs: number): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
    'x-request-id': requestId,
  });
  res.write(`retry: ${retryMs}\n: connected\n\n`);
}

/** One SSE event; `data` is JSON, which has no raw newlines, so it fits on one `data:` line. */
export function sseEvent(id: number, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
