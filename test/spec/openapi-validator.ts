import { findOperation, isRecord, resolveLocalReference, validatorFor, describeError, type CompiledDocument } from './spec-operations';
import type { SpecDocumentName } from './spec-documents';

/** One response as a test received it. */
export interface ResponseToCheck {
  readonly method: string;
  /** Path relative to the document's server root (for Asana that includes `/api/1.0`), without the query. */
  readonly path: string;
  readonly status: number;
  /** The parsed JSON body, or undefined when the response had none. */
  readonly body: unknown;
}

export type SpecCheck =
  | { readonly outcome: 'valid'; readonly operation: string }
  | { readonly outcome: 'invalid'; readonly operation: string; readonly errors: readonly string[] }
  /** The document lists the status but gives it no body schema (Jira's 401s), so there is nothing to check. */
  | { readonly outcome: 'no-schema'; readonly operation: string }
  /** The document does not describe this path, method or status at all. */
  | { readonly outcome: 'undescribed'; readonly reason: string };

/** Checks a response body against the schema the document gives for its path, method and status. */
export function checkResponseAgainstSpec(documentName: SpecDocumentName, response: ResponseToCheck): SpecCheck {
  const found = findOperation(documentName, response.method, response.path);
  if ('undescribed' in found) return { outcome: 'undescribed', reason: found.undescribed };
  const { compiled, operation, name: operationName } = found;

  const responses = isRecord(operation['responses']) ? operation['responses'] : {};
  const statusKey = [String(response.status), `${Math.floor(response.status / 100)}XX`, 'default'].find((key) => key in responses);
  if (statusKey === undefined) return { outcome: 'undescribed', reason: `${documentName} lists no ${response.status} answer for ${operationName}` };

  const schema = responseSchema(compiled, responses[statusKey]);
  if (schema === undefined) return { outcome: 'no-schema', operation: operationName };
  const validate = validatorFor(compiled, `response ${operationName} ${statusKey}`, schema);
  if (validate(response.body)) return { outcome: 'valid', operation: operationName };
  return { outcome: 'invalid', operation: operationName, errors: (validate.errors ?? []).map(describeError) };
}

function responseSchema(compiled: CompiledDocument, declared: unknown): unknown {
  const response = resolveLocalReference(compiled.document.content, declared);
  if (!isRecord(response)) return undefined;
  let schema: unknown;
  if (compiled.document.format === 'swagger-2.0') {
    schema = response['schema'];
  } else {
    const content = isRecord(response['content']) ? response['content'] : {};
    const mediaType = 'application/json' in content ? 'application/json' : Object.keys(content).find((type) => type.includes('json'));
    const media = mediaType === undefined ? undefined : content[mediaType];
    schema = isRecord(media) ? media['schema'] : undefined;
  }
  if (!isRecord(schema)) return undefined;
  if (compiled.document.wrapsCollections && schema['type'] === 'array') {
    return { type: 'object', required: ['count', 'value'], properties: { count: { type: 'integer' }, value: schema }, additionalProperties: false };
  }
  return schema;
}
