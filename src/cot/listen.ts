import type { AddressInfo, Server } from 'node:net';

/** Starts `server` listening and resolves with its address, or rejects when the port cannot be taken. */
export function listenOn(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
