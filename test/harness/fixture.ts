import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Polygon } from '../../src/domain/geojson.ts';
import type { Role } from '../../src/domain/roles.ts';
import { type AppOptions, buildApp } from '../../src/server/app.ts';
import { addOrganisation } from '../../src/service/organisations.ts';
import { addUser } from '../../src/service/users.ts';
import { newId } from '../../src/store/ids.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { httpClient, type Reply, type RequestOptions } from './http-client.ts';
import { tempDir } from './temp-dir.ts';

export const testPassword = 'exercise-password-123';

/** A square AOR around Kirkuk for fixture JCCs. */
export const kirkukAor: Polygon = {
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
};

export interface Fixture {
  store: Store;
  dir: string;
}

/**
 * A small site in a temporary directory: organisations isf, peshmerga, coalition and other; a JCC
 * `k1` (isf, peshmerga) around Kirkuk; a sharing group `intel` (peshmerga, coalition); and one
 * user per role per organisation named `<org>-<role>`, all with `testPassword`.
 */
export async function createFixture(
  t: { after(fn: () => void | Promise<void>): void },
  options: { roles?: Role[]; now?: () => Date } = {},
): Promise<Fixture> {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'seam.db'), { now: options.now });
  t.after(() => store.close());
  for (const [code, name] of [
    ['isf', 'Iraqi Security Forces'],
    ['peshmerga', 'Kurdistan Region Peshmerga'],
    ['coalition', 'Coalition'],
    ['other', 'Other Organisation'],
  ]) {
    await addOrganisation(store, code, name);
  }
  await store.write(null, async (tx) => {
    await tx.jccs.insert({
      id: newId(),
      code: 'k1',
      name: 'JCC Kirkuk',
      aor: kirkukAor,
      members: ['isf', 'peshmerga'],
      createdAt: tx.at,
      updatedAt: tx.at,
    });
    await tx.sharingGroups.insert({
      name: 'intel',
      ownerOrg: 'peshmerga',
      members: ['peshmerga', 'coalition'],
      createdAt: tx.at,
      updatedAt: tx.at,
    });
  });
  const roles = options.roles ?? ['viewer', 'reporter', 'analyst', 'admin'];
  await Promise.all(
    ['isf', 'peshmerga', 'coalition', 'other'].flatMap((org) =>
      roles.map((role) =>
        addUser(store, null, { username: `${org}-${role}`, org, roles: [role], password: testPassword }),
      ),
    ),
  );
  return { store, dir };
}

/** A Seam server listening on a free port of the loopback interface. */
export interface TestServer {
  url: string;
  app: FastifyInstance;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  signIn(username: string, password?: string): Promise<string>;
}

/** Starts the real HTTP server on port 0 over the fixture's store; closed when the test ends. */
export async function startServer(
  t: { after(fn: () => void | Promise<void>): void },
  store: Store,
  options: AppOptions = {},
): Promise<TestServer> {
  const app = await buildApp(store, options);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  const http = httpClient(url);
  return {
    url,
    app,
    request: http.request,
    signIn: (username, password = testPassword) => http.signIn(username, password),
  };
}
