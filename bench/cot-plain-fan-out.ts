// The CoT relay benchmark's baseline, in a process of its own: a plain fan-out with the same
// framing code as Seam's server (CotStreamDecoder in, each event encoded once, written to every
// other client) and nothing else: no authentication, no filtering, no queues, no limits. It
// answers the bench over IPC like cot-seam-server.ts (its port, then its counters, CPU and memory).
import { createServer, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CotStreamDecoder, encodeXmlFrame } from '../src/cot/framing.ts';

const clients = new Set<Socket>();
let eventsIn = 0;
let eventsOut = 0;

const server = createServer((socket) => {
  socket.setNoDelay(true);
  clients.add(socket);
  const decoder = new CotStreamDecoder();
  socket.on('data', (chunk: Buffer) => {
    for (const item of decoder.push(chunk)) {
      if (item.kind !== 'message' || !item.message.event) continue;
      eventsIn++;
      const frame = encodeXmlFrame(item.message.event);
      for (const c of clients) {
        if (c === socket) continue;
        c.write(frame);
        eventsOut++;
      }
    }
    if (decoder.closed) socket.destroy();
  });
  const gone = () => clients.delete(socket);
  socket.on('close', gone);
  socket.on('error', gone);
});

const send = (m: unknown) => process.send?.(m);
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  send({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (m: { ask?: string }) => {
  if (m.ask === 'metrics') {
    // The event loop delay since the previous question (the bench asks before and after measuring).
    const p99 = loopDelay.percentile(99) / 1e6 - 1 /* the timer interval itself */;
    const max = loopDelay.max / 1e6 - 1;
    loopDelay.reset();
    send({
      metrics: { eventsIn: { all: eventsIn }, eventsOut: { all: eventsOut }, drops: {}, disconnections: {} },
      cpu: process.cpuUsage(),
      memory: process.memoryUsage(),
      loopDelayP99Ms: p99,
      loopDelayMaxMs: max,
    });
  } else if (m.ask === 'stop') {
    for (const c of clients) c.destroy();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
