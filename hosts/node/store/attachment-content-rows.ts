import { z } from 'zod';

/** A row of the attachment_contents table, the same columns in SQLite and PostgreSQL. */
export const attachmentContentRow = z.object({
  connection_id: z.string(),
  source_key: z.string(),
  attachment_id: z.string(),
  content: z.string(),
  bytes: z.number(),
  received_at: z.number(),
});

/** The row without its content, for listings that must not read the bytes. */
export const attachmentContentKeyRow = attachmentContentRow.omit({ content: true });
