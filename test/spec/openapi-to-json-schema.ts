/**
 * OpenAPI 3.0 and Swagger 2.0 schemas are close to JSON Schema draft 7 but not equal. These are the
 * differences ajv trips over in our documents, converted once per document:
 * - `nullable: true` (OpenAPI 3.0) becomes a `null` alternative;
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` (draft 4 style) become draft 7 numbers;
 * - `discriminator` is dropped (ajv only accepts a narrow form of it; `oneOf` still applies);
 * - local `$ref`s (`#/components/...`, `#/definitions/...`) are made absolute against the document
 *   id, so a schema cut out of the document still resolves them.
 */
export function toJsonSchema(value: unknown, documentId: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toJsonSchema(item, documentId));
  if (typeof value !== 'object' || value === null) return value;

  const source = value as Record<string, unknown>;
  const converted: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(source)) {
    if (key === 'discriminator' || key === 'nullable') continue;
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/')) {
      converted[key] = `${documentId}${child}`;
      continue;
    }
    converted[key] = toJsonSchema(child, documentId);
  }

  convertExclusiveBound(converted, 'exclusiveMinimum', 'minimum');
  convertExclusiveBound(converted, 'exclusiveMaximum', 'maximum');

  if (source['nullable'] !== true) return converted;
  if (typeof converted['type'] === 'string' && converted['$ref'] === undefined) {
    const nullable: Record<string, unknown> = { ...converted, type: [converted['type'], 'null'] };
    if (Array.isArray(converted['enum']) && !converted['enum'].includes(null)) nullable['enum'] = [...converted['enum'], null];
    return nullable;
  }
  return { anyOf: [converted, { type: 'null' }] };
}

function convertExclusiveBound(schema: Record<string, unknown>, exclusiveKeyword: string, boundKeyword: string): void {
  const exclusive = schema[exclusiveKeyword];
  if (typeof exclusive !== 'boolean') return;
  if (exclusive && typeof schema[boundKeyword] === 'number') {
    schema[exclusiveKeyword] = schema[boundKeyword];
    delete schema[boundKeyword];
  } else {
    delete schema[exclusiveKeyword];
  }
}
