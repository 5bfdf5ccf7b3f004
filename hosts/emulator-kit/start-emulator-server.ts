import Fastify from 'fastify';
import type { FastifyPluginAsync } from 'fastify';

export interface RunningEmulatorServer {
  /** `http://127.0.0.1:<port>`, without the prefix. */
  readonly origin: string;
  /** `origin` plus the prefix the emulator is mounted under. */
  readonly mountUrl: string;
  close(): Promise<void>;
}

export interface StartEmulatorServerOptions {
  readonly prefix: string;
  /** Defaults to 127.0.0.1 so nothing outside the machine can reach an emulator by accident. */
  readonly host?: string;
  /** Defaults to 0: the operating system picks a free port. */
  readonly port?: number;
}

/** Serves one emulator on its own Fastify instance (tests, or running a single emulator by hand). */
export async function startEmulatorServer(routes: FastifyPluginAsync, options: StartEmulatorServerOptions): Promise<RunningEmulatorServer> {
  const app = Fastify({ logger: false });
  await app.register(routes, { prefix: options.prefix });
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    await app.close();
    throw new Error('The emulator server did not report a TCP address.');
  }
  const origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return { origin, mountUrl: `${origin}${options.prefix}`, close: () => app.close() };
}
