import type { SpecDocumentName } from './spec-documents';
import { describeError, findOperation, isRecord, resolveLocalReference, validatorFor, type FoundOperation } from './spec-operations';

/** One request as an adapter sent it. */
export interface RequestToCheck {
  readonly method: string;
  /** Path relative to the document's server root, without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The Content-Type header, or undefined when the request had no body. */
  readonly contentType: string | undefined;
  /** The parsed JSON body when the content type is JSON; undefined otherwise. */
  readonly body: unknown;
  readonly hasBody: boolean;
}

export type RequestCheck =
  | { readonly outcome: 'valid'; readonly operation: string }
  | { readonly outcome: 'invalid'; readonly operation: string; readonly errors: readonly string[] }
  | { readonly outcome: 'undescribed'; readonly reason: string };

/**
 * Checks a request the way the service would: every query parameter must be one the operation
 * declares and have a value its schema accepts, required ones must be there, and a body must be of
 * a declared media type and (for JSON) match the declared schema. Path and header parameters are
 * not checked: the path template already matched, and the trackers' headers are not in the documents.
 */
export function checkRequestAgainstSpec(documentName: SpecDocumentName, request: RequestToCheck): RequestCheck {
  const found = findOperation(documentName, request.method, request.path);
  if ('undescribed' in found) return { outcome: 'undescribed', reason: found.undescribed };
  const errors = [...checkQuery(found, request.query), ...checkBody(found, request)];
  return errors.length === 0 ? { outcome: 'valid', operation: found.name } : { outcome: 'invalid', operation: found.name, errors };
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: Record<string, unknown>;
}

const schemaKeywords = new Set([
  'type',
  'format',
  'enum',
  'items',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'minLength',
  'maxLength',
  'default',
]);

function declaredParameters(found: FoundOperation): readonly Parameter[] {
  const content = found.compiled.document.content;
  const pathItem = (content['paths'] as Record<string, Record<string, unknown>>)[found.template] ?? {};
  const declared = [
    ...(Array.isArray(pathItem['parameters']) ? pathItem['parameters'] : []),
    ...(Array.isArray(found.operation['parameters']) ? found.operation['parameters'] : []),
  ];
  return declared.flatMap((entry: unknown) => {
    const parameter = resolveLocalReference(content, entry);
    if (!isRecord(parameter) || typeof parameter['name'] !== 'string' || typeof parameter['in'] !== 'string') return [];
    // Swagger 2 puts type, items and bounds on the parameter itself; OpenAPI 3 under `schema`.
    const schema = isRecord(parameter['schema'])
      ? parameter['schema']
      : Object.fromEntries(Object.entries(parameter).filter(([keyword]) => schemaKeywords.has(keyword)));
    return [{ name: parameter['name'], in: parameter['in'], required: parameter['required'] === true, schema }];
  });
}

function checkQuery(found: FoundOperation, query: URLSearchParams): string[] {
  const parameters = declaredParameters(found).filter((parameter) => parameter.in === 'query');
  const errors: string[] = [];
  for (const name of new Set(query.keys())) {
    const parameter = parameters.find((candidate) => candidate.name === name);
    if (parameter === undefined) {
      errors.push(`query parameter '${name}' is not one ${found.name} declares (${parameters.map((each) => each.name).join(', ') || 'none'})`);
      continue;
    }
    for (const value of query.getAll(name)) errors.push(...checkParameterValue(found, parameter, value));
  }
  for (const parameter of parameters) {
    if (parameter.required && !query.has(parameter.name)) errors.push(`required query parameter '${parameter.name}' is missing`);
  }
  return errors;
}

/** Query values are text; read them as the schema's type before validating (form style, comma-separated arrays). */
function checkParameterValue(found: FoundOperation, parameter: Parameter, value: string): string[] {
  const schema = parameter.schema;
  const isArray = schema['type'] === 'array';
  const itemSchema = isArray && isRecord(schema['items']) ? schema['items'] : schema;
  const values = isArray ? value.split(',') : [value];
  const validate = validatorFor(found.compiled, `parameter ${found.name} ${parameter.name}`, itemSchema);
  return values.flatMap((text) => {
    const typed = coerce(text, itemSchema['type']);
    if (typed === undefined) return [`query parameter '${parameter.name}' value '${text}' is not a ${String(itemSchema['type'])}`];
    return validate(typed) ? [] : (validate.errors ?? []).map((error) => `query parameter '${parameter.name}' value '${text}': ${describeError(error)}`);
  });
}

function coerce(text: string, type: unknown): unknown {
  if (type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : undefined;
  if (type === 'number') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  return text;
}

function checkBody(found: FoundOperation, request: RequestToCheck): string[] {
  const content = found.compiled.document.content;
  const declared = resolveLocalReference(content, found.operation['requestBody']);
  // Swagger 2 declares the body as an `in: body` parameter.
  const swaggerBody = declaredParameters(found).find((parameter) => parameter.in === 'body');
  if (!isRecord(declared) && swaggerBody === undefined) {
    return request.hasBody ? [`${found.name} takes no request body, but one was sent (${request.contentType ?? 'no content type'})`] : [];
  }
  const required = isRecord(declared) ? declared['required'] === true : swaggerBody?.required === true;
  if (!request.hasBody) return required ? [`${found.name} requires a request body, and none was sent`] : [];

  // Swagger 2 lists media types in `consumes` (operation, else document), JSON when neither says.
  const consumes = [found.operation['consumes'], content['consumes']].find((list): list is string[] => Array.isArray(list)) ?? ['application/json'];
  const mediaTypes =
    isRecord(declared) && isRecord(declared['content'])
      ? declared['content']
      : Object.fromEntries(consumes.map((type) => [type, { schema: swaggerBody?.schema }]));
  const sentType = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const media = Object.entries(mediaTypes).find(([type]) => type.toLowerCase() === sentType);
  if (media === undefined) return [`${found.name} accepts ${Object.keys(mediaTypes).join(', ')}, not '${sentType || 'no content type'}'`];
  if (!sentType.includes('json')) return [];

  const schema = isRecord(media[1]) ? media[1]['schema'] : undefined;
  if (!isRecord(schema)) return [];
  const validate = validatorFor(found.compiled, `request ${found.name} ${media[0]}`, schema);
  return validate(request.body) ? [] : (validate.errors ?? []).map((error) => `request body ${describeError(error)}`);
}
