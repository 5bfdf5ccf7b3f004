/**
 * Operations the real services serve that the copies in `shared/specs/` do not describe, added to
 * the loaded document (never to the file) so requests to them are checked like any other. Only
 * paths the copy lacks are added; each says where its shape comes from. Schemas reuse the
 * document's own components wherever the resource is the same.
 */
type OperationMap = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const reference = (name: string): Record<string, unknown> => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown): Record<string, unknown> => ({ content: { 'application/json': { schema } } });
const queryParameter = (name: string, schema: unknown): Record<string, unknown> => ({ name, in: 'query', schema });

/**
 * Jira Cloud's enhanced JQL search, `GET /rest/api/3/search/jql`, which replaced `/rest/api/3/search`
 * (removed from Jira Cloud on 2025-08-01; Atlassian changelog CHANGE-2046). Parameters and the
 * `SearchAndReconcileResults` answer follow the current Jira Cloud platform REST v3 reference
 * ("Search for issues using JQL enhanced search (GET)"): pages by `nextPageToken`, no `total`, and
 * `nextPageToken` left out on the last page (JRACLOUD-92184).
 */
const enhancedSearch = {
  get: {
    operationId: 'searchAndReconsileIssuesUsingJql',
    parameters: [
      queryParameter('jql', { type: 'string' }),
      queryParameter('nextPageToken', { type: 'string' }),
      queryParameter('maxResults', { type: 'integer', format: 'int32', maximum: 5000 }),
      queryParameter('fields', { type: 'array', items: { type: 'string' } }),
      queryParameter('expand', { type: 'string' }),
      queryParameter('properties', { type: 'array', items: { type: 'string' } }),
      queryParameter('fieldsByKeys', { type: 'boolean' }),
      queryParameter('failFast', { type: 'boolean' }),
      queryParameter('reconcileIssues', { type: 'array', items: { type: 'integer', format: 'int64' } }),
    ],
    responses: {
      '200': json({
        type: 'object',
        additionalProperties: false,
        properties: {
          isLast: { type: 'boolean' },
          issues: { type: 'array', items: reference('IssueBean') },
          names: { type: 'object', additionalProperties: { type: 'string' } },
          nextPageToken: { type: 'string' },
          schema: { type: 'object', additionalProperties: reference('JsonTypeBean') },
        },
      }),
      '400': json(reference('ErrorCollection')),
      '401': json(reference('ErrorCollection')),
    },
  },
};
/**
 * The same search with the JQL in a body ("Search for issues using JQL enhanced search (POST)"):
 * a `SearchAndReconcileRequestBean`, where `expand` is one comma-separated string. Same answer.
 */
const enhancedSearchOperations = {
  ...enhancedSearch,
  post: {
    operationId: 'searchAndReconsileIssuesUsingJqlPost',
    requestBody: {
      required: true,
      ...json({
        type: 'object',
        additionalProperties: false,
        properties: {
          jql: { type: 'string' },
          nextPageToken: { type: 'string' },
          maxResults: { type: 'integer', format: 'int32' },
          fields: { type: 'array', items: { type: 'string' } },
          expand: { type: 'string' },
          properties: { type: 'array', items: { type: 'string' } },
          fieldsByKeys: { type: 'boolean' },
          failFast: { type: 'boolean' },
          reconcileIssues: { type: 'array', items: { type: 'integer', format: 'int64' } },
        },
      }),
    },
    responses: enhancedSearch.get.responses,
  },
};

/**
 * The admin webhook REST resource, `/rest/webhooks/1.0/webhook`, served by Jira Data Center and by
 * Jira Cloud for site administrators. Shapes from Atlassian's "Webhooks" pages (Jira Data Center
 * developer documentation, "Registering a webhook via the Jira REST API"; Jira DC admin guide
 * "Managing webhooks" for `secret`, which makes Jira sign each delivery with HMAC-SHA256 in
 * `X-Hub-Signature: sha256=<hex>`): `filters["issue-related-events-section"]` holds the JQL.
 */
const webhookBody = {
  type: 'object',
  required: ['name', 'url', 'events'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    url: { type: 'string', format: 'uri' },
    events: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: '^(jira:issue_(created|updated|deleted)|comment_(created|updated|deleted)|[a-z_:]+)$' },
    },
    filters: { type: 'object', additionalProperties: { type: 'string' } },
    excludeBody: { type: 'boolean' },
    secret: { type: 'string' },
    enabled: { type: 'boolean' },
    description: { type: 'string' },
  },
};
const registeredWebhook = {
  type: 'object',
  required: ['self', 'name', 'url', 'events'],
  properties: {
    self: { type: 'string', format: 'uri' },
    name: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    filters: { type: 'object', additionalProperties: { type: 'string' } },
    excludeBody: { type: 'boolean' },
    enabled: { type: 'boolean' },
    lastUpdated: { type: 'integer' },
    lastUpdatedUser: { type: 'string' },
    lastUpdatedDisplayName: { type: 'string' },
  },
};
const adminWebhooks = {
  get: { operationId: 'listAdminWebhooks', responses: { '200': json({ type: 'array', items: registeredWebhook }) } },
  post: {
    operationId: 'registerAdminWebhook',
    requestBody: { required: true, ...json(webhookBody) },
    responses: { '201': json(registeredWebhook), '400': json(reference('ErrorCollection')), '403': json(reference('ErrorCollection')) },
  },
};

export const specSupplements: Readonly<Record<string, OperationMap>> = {
  'jira-cloud-platform.v3': {
    '/rest/api/3/search/jql': enhancedSearchOperations,
    '/rest/webhooks/1.0/webhook': adminWebhooks,
  },
};

/**
 * Schemas of a document that its own examples contradict, corrected where they are loaded.
 * - Azure DevOps `JsonPatchOperation.value` is typed `object` (the .NET `Object`, meaning any
 *   value), yet the document's own "Create work item" example sends
 *   `{ "op": "add", "path": "/fields/System.Title", "value": "Sample task" }`: any JSON value.
 * - Azure DevOps `JsonPatchDocument` is typed both `object` and (through allOf) an array of
 *   operations (a .NET List subclass), which no body can be; it is the array, as RFC 6902 and the
 *   document's examples have it.
 */
export const specCorrections: Readonly<Record<string, (content: Record<string, unknown>) => Record<string, unknown>>> = {
  'azure-devops-workItemTracking.7.1': (content) => {
    const definitions = content['definitions'] as Record<string, Record<string, unknown>> | undefined;
    const operation = definitions?.['JsonPatchOperation'];
    const properties = operation?.['properties'] as Record<string, unknown> | undefined;
    if (definitions === undefined || operation === undefined || properties === undefined) return content;
    const value = { description: 'The value for the operation: any JSON value (string, number, boolean, object or array).' };
    const document = { description: 'The JSON model for JSON Patch Operations', type: 'array', items: { $ref: '#/definitions/JsonPatchOperation' } };
    return {
      ...content,
      definitions: { ...definitions, JsonPatchDocument: document, JsonPatchOperation: { ...operation, properties: { ...properties, value } } },
    };
  },
};
