import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toJsonSchema } from './openapi-to-json-schema';
import { loadSpecDocument, type LoadedSpecDocument, type SpecDocumentName } from './spec-documents';

/**
 * One official document compiled for checking: its path templates, an ajv instance holding its
 * components, and a cache of compiled validators. Shared by the response and the request checks.
 */
export interface PathTemplate {
  readonly template: string;
  readonly pattern: RegExp;
  readonly parameterCount: number;
}

export interface CompiledDocument {
  readonly document: LoadedSpecDocument;
  readonly ajv: Ajv;
  readonly documentId: string;
  readonly basePath: string;
  readonly templates: readonly PathTemplate[];
  readonly validators: Map<string, ValidateFunction>;
}

const compiledDocuments = new Map<SpecDocumentName, CompiledDocument>();

export interface FoundOperation {
  readonly compiled: CompiledDocument;
  readonly template: string;
  /** `GET /rest/api/3/issue/{issueIdOrKey}` */
  readonly name: string;
  readonly operation: Record<string, unknown>;
}

/** The operation a method and path (relative to the document root) fall under, or why none does. */
export function findOperation(documentName: SpecDocumentName, method: string, path: string): FoundOperation | { readonly undescribed: string } {
  const compiled = compileDocument(documentName);
  const relativePath = stripBasePath(path, compiled.basePath);
  const template = findTemplate(compiled.templates, relativePath);
  if (template === undefined) return { undescribed: `${documentName} describes no path matching ${relativePath}` };
  const paths = compiled.document.content['paths'] as Record<string, Record<string, unknown>>;
  const operation = paths[template.template]?.[method.toLowerCase()];
  const name = `${method.toUpperCase()} ${template.template}`;
  if (!isRecord(operation)) return { undescribed: `${documentName} describes no ${name}` };
  return { compiled, template: template.template, name, operation };
}

/** A validator for a schema cut out of the document, compiled once per key. */
export function validatorFor(compiled: CompiledDocument, cacheKey: string, schema: unknown): ValidateFunction {
  let validate = compiled.validators.get(cacheKey);
  if (validate === undefined) {
    validate = compiled.ajv.compile(toJsonSchema(schema, compiled.documentId) as object);
    compiled.validators.set(cacheKey, validate);
  }
  return validate;
}

export function compileDocument(name: SpecDocumentName): CompiledDocument {
  const cached = compiledDocuments.get(name);
  if (cached !== undefined) return cached;
  const document = loadSpecDocument(name);
  const documentId = `https://specs.exalate-open.invalid/${name}.json`;
  // strict: false lets OpenAPI's own keywords (example, xml, readOnly, x-*) through as annotations.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  // Jira writes timestamps as `2022-07-15T09:19:40.227+0000` (the v3 document's own examples do),
  // an ISO 8601 offset without the colon RFC 3339 asks for; accept both forms.
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i);

  const content = document.content;
  const components = isRecord(content['components']) ? content['components'] : {};
  const container =
    document.format === 'openapi-3.0'
      ? { $id: documentId, components: { schemas: toJsonSchema(components['schemas'] ?? {}, documentId) } }
      : { $id: documentId, definitions: toJsonSchema(content['definitions'] ?? {}, documentId) };
  ajv.addSchema(container);

  const compiled: CompiledDocument = {
    document,
    ajv,
    documentId,
    basePath: documentBasePath(document),
    templates: Object.keys(isRecord(content['paths']) ? content['paths'] : {}).map(toPathTemplate),
    validators: new Map(),
  };
  compiledDocuments.set(name, compiled);
  return compiled;
}

/** The path part of the server URL (OpenAPI 3 `servers[0].url`, Swagger 2 `basePath`), e.g. `/api/1.0` for Asana. */
function documentBasePath(document: LoadedSpecDocument): string {
  const content = document.content;
  if (document.format === 'swagger-2.0') return typeof content['basePath'] === 'string' ? content['basePath'].replace(/\/+$/, '') : '';
  const servers = Array.isArray(content['servers']) ? content['servers'] : [];
  const first: unknown = servers[0];
  const url = isRecord(first) && typeof first['url'] === 'string' ? first['url'] : '';
  if (url === '' || url.includes('{')) return '';
  return new URL(url, 'https://placeholder.invalid').pathname.replace(/\/+$/, '');
}

function stripBasePath(requestPath: string, basePath: string): string {
  return basePath !== '' && requestPath.startsWith(`${basePath}/`) ? requestPath.slice(basePath.length) : requestPath;
}

function toPathTemplate(template: string): PathTemplate {
  const parameterCount = (template.match(/\{[^}]+\}/g) ?? []).length;
  const pattern = template
    .replace(/\/+$/, '')
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { template, pattern: new RegExp(`^${pattern}/?$`), parameterCount };
}

/** The most literal template wins: `/users/me` is `/users/{user_gid}` only when nothing more specific exists. */
function findTemplate(templates: readonly PathTemplate[], requestPath: string): PathTemplate | undefined {
  return templates.filter((template) => template.pattern.test(requestPath)).sort((left, right) => left.parameterCount - right.parameterCount)[0];
}

/** Follows a response-level `$ref` such as `#/components/responses/BadRequest`. */
export function resolveLocalReference(content: Readonly<Record<string, unknown>>, value: unknown): unknown {
  if (!isRecord(value) || typeof value['$ref'] !== 'string' || !value['$ref'].startsWith('#/')) return value;
  let current: unknown = content;
  for (const segment of value['$ref'].slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    current = isRecord(current) ? current[key] : undefined;
  }
  return current;
}

export function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(body)' : error.instancePath;
  const extra = error.keyword === 'additionalProperties' ? ` '${String(error.params['additionalProperty'])}'` : '';
  return `${where} ${error.message ?? error.keyword}${extra} [${error.schemaPath}]`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
