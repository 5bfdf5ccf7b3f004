import { trackerFromEnvironment } from './tracker-from-environment';

describe('the tracker a node gets from its environment', () => {
  it('lets Asana and Jira Server/DC nodes start unsigned-in, to be connected from the console', async () => {
    const asana = trackerFromEnvironment({ TRACKER: 'asana', ASANA_CLIENT_ID: '123', ASANA_CLIENT_SECRET: 'secret' });
    expect(asana.current).toBeUndefined();
    expect(asana.configuration).toMatchObject({
      kind: 'asana',
      baseUrl: 'https://app.asana.com',
      asanaOAuth: { clientId: '123', clientSecret: 'secret', oauthUrl: 'https://app.asana.com' },
    });
    await expect(asana.listProjects()).rejects.toMatchObject({ code: 'tracker_unavailable', message: expect.stringContaining('Sign in with Asana') });
    expect(trackerFromEnvironment({ TRACKER: 'jira-server' }).current).toBeUndefined();
    expect(() => trackerFromEnvironment({ TRACKER: 'jira-server', TRACKER_AUTH: 'Bearer pat' })).toThrow('TRACKER_URL');
  });

  it('uses TRACKER_AUTH when given, and ASANA_OAUTH_URL and ASANA_REDIRECT_URI as set', () => {
    const asana = trackerFromEnvironment({
      TRACKER: 'asana',
      TRACKER_AUTH: 'Bearer pat',
      ASANA_CLIENT_ID: '1',
      ASANA_CLIENT_SECRET: 's',
      ASANA_OAUTH_URL: 'https://asana.test',
      ASANA_REDIRECT_URI: 'https://node.test/cb',
    });
    expect(asana.current?.kind).toBe('asana');
    expect(asana.configuration).toMatchObject({
      environment: { baseUrl: 'https://app.asana.com', authorization: 'Bearer pat' },
      asanaOAuth: { oauthUrl: 'https://asana.test' },
      asanaRedirectUri: 'https://node.test/cb',
    });
  });

  it('still needs credentials for trackers the console does not connect, and both halves of an OAuth app', () => {
    expect(() => trackerFromEnvironment({ TRACKER: 'jira-cloud', TRACKER_URL: 'https://acme.atlassian.net' })).toThrow('TRACKER_AUTH');
    expect(() => trackerFromEnvironment({ TRACKER: 'asana', ASANA_CLIENT_ID: '1' })).toThrow('Set both ASANA_CLIENT_ID and ASANA_CLIENT_SECRET');
    expect(() => trackerFromEnvironment({ TRACKER: 'trello' })).toThrow('Set TRACKER');
  });
});
