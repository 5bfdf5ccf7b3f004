import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { readQueryList } from '../../emulator-kit';
import { jiraErrorCollection } from './jira-error-collection';
import type { JiraEmulatorDialect, RepresentationContext } from './jira-issue-representation';
import type { JiraProjectRecord } from './jira-representations';
import type { JiraWork } from './jira-work';
import type { JiraIssueRecord } from './jira-work-records';

/** What the shared Jira issue routes need from the emulator that mounts them (Cloud or Server/DC). */
export interface JiraRoutesContext {
  readonly dialect: JiraEmulatorDialect & { readonly text: 'adf' | 'wiki' };
  readonly work: JiraWork;
  readonly projects: () => readonly JiraProjectRecord[];
  /** The user the credentials belong to: every change is made as them. */
  readonly actorId: () => string;
  /** Their time zone, in which JQL dates are read. */
  readonly timeZone: () => string;
  readonly siteUrl: (request: FastifyRequest) => string;
  readonly authenticated: onRequestAsyncHookHandler;
}

export function representationContext(context: JiraRoutesContext, request: FastifyRequest): RepresentationContext {
  return { site: context.siteUrl(request), dialect: context.dialect, work: context.work, projects: context.projects() };
}

export function apiPrefix(context: JiraRoutesContext): string {
  return `/rest/api/${context.dialect.restVersion}`;
}

/** Jira answers an unknown or invisible issue 404 "Issue does not exist or you do not have permission to see it." */
export function findIssueOr404(context: JiraRoutesContext, key: string, reply: FastifyReply): JiraIssueRecord | undefined {
  const issue = context.work.issue(key);
  if (issue === undefined) void reply.code(404).send(jiraErrorCollection(['Issue does not exist or you do not have permission to see it.']));
  return issue;
}

/** `fields=a,b&fields=c` and `expand=names,renderedFields` as Jira reads them. */
export function readFieldsAndExpand(request: FastifyRequest): { readonly fields: readonly string[] | undefined; readonly expand: readonly string[] } {
  const fields = readQueryList(request, 'fields');
  return { fields: fields.length === 0 ? undefined : fields, expand: readQueryList(request, 'expand') };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
