import { createServer } from 'node:net';

/**
 * Asks the kernel for a free loopback port. There is a small window between closing the probe
 * and the child binding the port; callers retry start-up on EADDRINUSE-style failures.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not allocate a port'));
        return;
      }
      const { port } = address;
      server.close(() => resolvePort(port));
    });
  });
}
