import { z } from 'zod';
import { ExalateError, type AttachmentContent, type AttachmentContentKey } from '../../../core';
import type { SqliteStatements } from './sqlite-statements';
import { attachmentContentKeyRow, attachmentContentRow } from './attachment-content-rows';

/** Attachment content from peers in SQLite (table attachment_contents, migration 5). Synchronous: the store runs each call under its lock. */
export class SqliteAttachmentContents {
  constructor(private readonly statements: SqliteStatements) {}

  put(content: AttachmentContent): void {
    this.statements
      .get(
        'INSERT INTO attachment_contents (connection_id, source_key, attachment_id, content, bytes, received_at) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (connection_id, source_key, attachment_id) DO UPDATE SET content = excluded.content, bytes = excluded.bytes, received_at = excluded.received_at',
      )
      .run(content.connectionId, content.sourceKey, content.attachmentId, content.contentBase64, content.bytes, content.receivedAt);
  }

  get(key: AttachmentContentKey): AttachmentContent | undefined {
    const row = this.statements
      .get('SELECT * FROM attachment_contents WHERE connection_id = ? AND source_key = ? AND attachment_id = ?')
      .get(key.connectionId, key.sourceKey, key.attachmentId);
    if (row === undefined) return undefined;
    const read = readRow(attachmentContentRow, row);
    return {
      connectionId: read.connection_id,
      sourceKey: read.source_key,
      attachmentId: read.attachment_id,
      contentBase64: read.content,
      bytes: read.bytes,
      receivedAt: read.received_at,
    };
  }

  delete(key: AttachmentContentKey): void {
    this.statements
      .get('DELETE FROM attachment_contents WHERE connection_id = ? AND source_key = ? AND attachment_id = ?')
      .run(key.connectionId, key.sourceKey, key.attachmentId);
  }

  measure(connectionId: string): number {
    const row = this.statements.get('SELECT COALESCE(SUM(bytes), 0) AS total FROM attachment_contents WHERE connection_id = ?').get(connectionId);
    return readRow(z.object({ total: z.number() }), row).total;
  }

  listReceivedBefore(receivedBefore: number, limit: number): (AttachmentContentKey & { bytes: number; receivedAt: number })[] {
    const rows = this.statements
      .get('SELECT connection_id, source_key, attachment_id, bytes, received_at FROM attachment_contents WHERE received_at < ? ORDER BY received_at LIMIT ?')
      .all(receivedBefore, limit);
    return rows.map((row) => {
      const read = readRow(attachmentContentKeyRow, row);
      return {
        connectionId: read.connection_id,
        sourceKey: read.source_key,
        attachmentId: read.attachment_id,
        bytes: read.bytes,
        receivedAt: read.received_at,
      };
    });
  }
}

function readRow<T>(schema: z.ZodType<T>, row: unknown): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success)
    throw new ExalateError('internal', 'Stored attachment content could not be read; the database may be damaged.', {
      details: { reason: parsed.error.message.slice(0, 500) },
    });
  return parsed.data;
}
