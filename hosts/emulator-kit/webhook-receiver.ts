import Fastify from 'fastify';

export interface ReceivedWebhook {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body exactly as it arrived, for signature checks. */
  readonly rawBody: string;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: readonly ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * A local endpoint that records webhook deliveries as they arrived (tests of emulators' webhooks
 * and of the entries that read them). With `hang`, it never answers, like a stuck receiver.
 */
export async function startWebhookReceiver(options: { readonly hang?: boolean } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post('/hook', async (request, reply) => {
    received.push({ headers: request.headers, rawBody: typeof request.body === 'string' ? request.body : '' });
    if (options.hang === true) return new Promise<never>(() => undefined);
    return reply.code(204).send();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
