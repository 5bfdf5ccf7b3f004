import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { specCorrections, specSupplements } from './spec-supplements';

/**
 * The official API descriptions in `shared/specs/` (see its README). CI checks the repository out
 * with `shared/` beside it, so the directory is found relative to this file, never by an absolute path.
 */
export const specsDirectory = path.resolve(__dirname, '../../../shared/specs');

export type SpecFormat = 'openapi-3.0' | 'swagger-2.0';

interface SpecDocumentDescription {
  readonly file: string;
  readonly format: SpecFormat;
  /**
   * Azure DevOps documents a list response as a bare array, but the service wraps every collection
   * as `{ count, value: [...] }` (the documented "VssJsonCollectionWrapper"; see the `GET__projects.json`
   * example the core document links to).
   */
  readonly wrapsCollections: boolean;
}

export const specDocuments = {
  'jira-cloud-platform.v3': { file: 'jira-cloud-platform.v3.json', format: 'openapi-3.0', wrapsCollections: false },
  asana: { file: 'asana.yaml', format: 'openapi-3.0', wrapsCollections: false },
  'asana-app-components': { file: 'asana-app-components.yaml', format: 'openapi-3.0', wrapsCollections: false },
  'azure-devops-core.7.1': { file: 'azure-devops-core.7.1.json', format: 'swagger-2.0', wrapsCollections: true },
  'azure-devops-workItemTracking.7.1': { file: 'azure-devops-workItemTracking.7.1.json', format: 'swagger-2.0', wrapsCollections: true },
  'azure-devops-serviceHooks.7.1': { file: 'azure-devops-serviceHooks.7.1.json', format: 'swagger-2.0', wrapsCollections: true },
} as const satisfies Record<string, SpecDocumentDescription>;

export type SpecDocumentName = keyof typeof specDocuments;

export interface LoadedSpecDocument {
  readonly name: SpecDocumentName;
  readonly format: SpecFormat;
  readonly wrapsCollections: boolean;
  readonly content: Readonly<Record<string, unknown>>;
}

const loaded = new Map<SpecDocumentName, LoadedSpecDocument>();

/**
 * Reads a document once per process: the Asana YAML is 3 MB and the Jira JSON 1.7 MB, so nothing
 * is read until a test asks for it, and nothing is read twice.
 */
export function loadSpecDocument(name: SpecDocumentName): LoadedSpecDocument {
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const description: SpecDocumentDescription = specDocuments[name];
  // The Azure DevOps files begin with a UTF-8 byte-order mark, which JSON.parse rejects.
  const text = readFileSync(path.join(specsDirectory, description.file), 'utf8').replace(/^\uFEFF/, '');
  const content: unknown = description.file.endsWith('.yaml') ? load(text, { schema: CORE_SCHEMA }) : JSON.parse(text);
  if (typeof content !== 'object' || content === null || Array.isArray(content)) throw new Error(`${description.file} is not an API description object.`);
  const document: LoadedSpecDocument = {
    name,
    format: description.format,
    wrapsCollections: description.wrapsCollections,
    content: withSupplements(name, content as Record<string, unknown>),
  };
  loaded.set(name, document);
  return document;
}

/** Applies the corrections of spec-supplements.ts and adds the operations the copy lacks (never replacing one it has). */
function withSupplements(name: SpecDocumentName, original: Record<string, unknown>): Record<string, unknown> {
  const content = specCorrections[name]?.(original) ?? original;
  const supplement = specSupplements[name];
  if (supplement === undefined) return content;
  const paths = { ...(content['paths'] as Record<string, unknown> | undefined) };
  for (const [path, operations] of Object.entries(supplement)) if (!(path in paths)) paths[path] = operations;
  return { ...content, paths };
}
