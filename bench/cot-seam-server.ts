// The CoT relay benchmark's server under test, in a process of its own: Seam's real CotServer on
// a fresh database with two organisations in one JCC (isf, peshmerga) and a few users each, both
// organisations' position sharing set to argv[2] ('partners': each report reaches every other
// client; 'org': only its own organisation's). It listens on a free loopback port and answers the
// bench over IPC: its port once ready, then its metrics, CPU time and memory on request.
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CotServer } from '../src/cot/server/cot-server.ts';
import { addOrganisation } from '../src/service/organisations.ts';
import { setPositionSharing } from '../src/service/position-sharing.ts';
import { addUser } from '../src/service/users.ts';
import { newId } from '../src/store/ids.ts';
import { openStore } from '../src/store/store.ts';
import { benchOrgs, benchPassword, benchUsername, usersPerOrg } from './cot-bench-site.ts';
import { scratchDir } from './harness.ts';

const sharing = process.argv[2] ?? 'partners';
const store = openStore(join(scratchDir('seam-cot-bench-'), 'seam.db'));
for (const org of benchOrgs) await addOrganisation(store, org, org.toUpperCase());
await store.write(null, (tx) =>
  tx.jccs.insert({
    id: newId(),
    code: 'k1',
    name: 'JCC Kirkuk',
    aor: {
      type: 'Polygon',
      coordinates: [
        [
          [44.0, 35.2],
          [44.8, 35.2],
          [44.8, 35.8],
          [44.0, 35.8],
          [44.0, 35.2],
        ],
      ],
    },
    members: [...benchOrgs],
    createdAt: tx.at,
    updatedAt: tx.at,
  }),
);
await Promise.all(
  benchOrgs.flatMap((org) =>
    Array.from({ length: usersPerOrg }, (_, i) =>
      addUser(store, null, { username: benchUsername(org, i), org, roles: ['reporter'], password: benchPassword }),
    ),
  ),
);
for (const org of benchOrgs) await setPositionSharing(store, null, org, sharing);

const cot = new CotServer({ store, bus: store.bus });
const address = await cot.listenTcp('127.0.0.1', 0);
const send = (m: unknown) => process.send?.(m);
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
process.on('message', (m: { ask?: string }) => {
  if (m.ask === 'metrics') {
    // The event loop delay since the previous question (the bench asks before and after measuring).
    const p99 = loopDelay.percentile(99) / 1e6 - 1 /* the timer interval itself */;
    const max = loopDelay.max / 1e6 - 1;
    loopDelay.reset();
    send({
      metrics: cot.metrics(),
      cpu: process.cpuUsage(),
      memory: process.memoryUsage(),
      loopDelayP99Ms: p99,
      loopDelayMaxMs: max,
    });
  } else if (m.ask === 'stop') {
    void cot.close().then(() => {
      store.close();
      process.exit(0);
    });
  }
});
process.on('disconnect', () => process.exit(0));
send({ port: address.port });
