import { z } from 'zod';
import { trackerKinds } from '../trackers';
import type { MappingView } from './mapping-view';
import { mappingSides } from './visual-mapping';

/**
 * A view as a console sends it back (an edited draft): checked here for shape, then turned into
 * the shared document (mappingFromView) and checked against the trackers (validateMapping). The
 * limits are the document's own (visual-mapping.ts).
 */
const viewDirection = z.enum(['both', 'to-remote', 'to-local']);
const viewPair = (name: number) => z.strictObject({ local: z.string().min(1).max(name), remote: z.string().min(1).max(name), direction: viewDirection });
const viewSide = z.strictObject({ tracker: z.enum(trackerKinds), filter: z.string().min(1).max(2000).nullable() });
const viewToggles = z.strictObject({ send: z.boolean(), receive: z.boolean() });
const valuePairs = z.array(viewPair(200)).max(500);

export const mappingViewSchema: z.ZodType<MappingView> = z.strictObject({
  version: z.number().int().min(1),
  side: z.enum(mappingSides),
  local: viewSide,
  remote: viewSide,
  fields: z.array(viewPair(100)).max(100),
  values: z.strictObject({ status: valuePairs, priority: valuePairs, type: valuePairs }),
  comments: viewToggles,
  attachments: viewToggles,
});
