import type { FastifyInstance } from 'fastify';

/**
 * The sandbox hands out admin tokens (`/sandbox.json`, the consoles) to whoever asks, which is
 * fine for a browser on this machine and nobody else. DNS rebinding would let any web page be that
 * browser: a name the attacker controls first resolves to their server, then to 127.0.0.1, and
 * their page, still on their name, reads the sandbox's answers. The page cannot change the Host
 * header its requests carry (Fetch standard, forbidden request headers), so every request whose
 * Host is not one of the sandbox's own names is refused before any route runs.
 */
export function guardSandboxHost(app: FastifyInstance, port: number, extraHostNames: readonly string[]): void {
  const names = ['localhost', '127.0.0.1', '[::1]', ...extraHostNames.map((name) => name.trim().toLowerCase()).filter((name) => name !== '')];
  // A browser leaves the port out of Host only when it is the scheme's default (RFC 9110 §7.2).
  const allowed = new Set(names.flatMap((name) => (port === 80 ? [`${name}:${port}`, name] : [`${name}:${port}`])));
  const ownAddresses = [...allowed].filter((host) => host.endsWith(`:${port}`)).join(', ');
  app.addHook('onRequest', async (request, reply) => {
    const host = (request.headers.host ?? '').toLowerCase();
    if (allowed.has(host)) return;
    return reply
      .code(421)
      .header('connection', 'close')
      .send({
        error: {
          code: 'misdirected_request',
          message: `This sandbox answers only requests addressed to ${ownAddresses}, because it hands out admin tokens; this one was addressed to "${host.slice(0, 200) || '(no Host header)'}". A web page reaching the sandbox under another name is how DNS rebinding works. Open http://localhost:${port}/, or add the name to SANDBOX_HOST_NAMES if you put the sandbox behind it on purpose.`,
        },
      });
  });
}
