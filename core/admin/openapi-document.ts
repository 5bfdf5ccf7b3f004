import { z } from 'zod';
import type { AdminOperation } from './admin-operation';

/**
 * The admin API's OpenAPI 3.1 document, generated from the operation table so that it cannot
 * drift from what the node serves.
 */
export function buildAdminOpenApiDocument(operations: readonly AdminOperation[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const parameters = [
      ...[...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...describeQuery(operation),
    ];
    const requestSchema =
      operation.method === 'GET' || operation.method === 'DELETE' ? undefined : z.toJSONSchema(operation.body, { unrepresentable: 'any', io: 'input' });
    const hasBody = requestSchema !== undefined && !Array.isArray((requestSchema as { anyOf?: unknown[] }).anyOf);
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method.toLowerCase()]: {
        operationId: `${operation.method.toLowerCase()}${operation.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(\w)/g, (_match, letter: string) => letter.toUpperCase())}`,
        summary: operation.summary,
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(hasBody ? { requestBody: { required: true, content: { 'application/json': { schema: requestSchema } } } } : {}),
        responses: {
          [operation.successStatus]: {
            description: 'Success',
            ...(operation.answersInPages ? { headers: { Link: nextPageHeader } } : {}),
            content: { 'application/json': { schema: {} } },
          },
          default: {
            description: 'An error with a message a person can act on',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Exalate node admin API',
      version: '1.0.0',
      description: 'Connections, invitation codes and sync administration of one node. Every call needs `Authorization: Bearer <admin token>`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  };
}

const nextPageHeader = {
  description:
    'Present when more items follow: `<{path}?limit={limit}&after={last id of this page}>; rel="next"` (RFC 8288), a reference relative to the request path. Follow it until an answer has no Link header.',
  schema: { type: 'string' },
};

/** The operation's query schema as OpenAPI query parameters, each with its own JSON schema. */
function describeQuery(operation: AdminOperation): readonly Record<string, unknown>[] {
  if (!operation.query) return [];
  const schema = z.toJSONSchema(operation.query, { unrepresentable: 'any', io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: (schema.required ?? []).includes(name),
    schema: property,
  }));
}
