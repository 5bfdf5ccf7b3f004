import { z } from 'zod';
import type { AttachmentContent, AttachmentContentKey } from '../../../core';
import type { PostgresQueryable } from './postgres-pool';
import { readRow } from './postgres-rows';
import { attachmentContentKeyRow, attachmentContentRow } from './attachment-content-rows';

/** Attachment content from peers in PostgreSQL (table attachment_contents, migration 4). Each method is one statement. */
export class PostgresAttachmentContents {
  constructor(private readonly database: PostgresQueryable) {}

  async put(content: AttachmentContent): Promise<void> {
    await this.database.query(
      'INSERT INTO attachment_contents (connection_id, source_key, attachment_id, content, bytes, received_at) VALUES ($1, $2, $3, $4, $5, $6) ' +
        'ON CONFLICT (connection_id, source_key, attachment_id) DO UPDATE SET content = excluded.content, bytes = excluded.bytes, received_at = excluded.received_at',
      [content.connectionId, content.sourceKey, content.attachmentId, content.contentBase64, content.bytes, content.receivedAt],
    );
  }

  async get(key: AttachmentContentKey): Promise<AttachmentContent | undefined> {
    const { rows } = await this.database.query('SELECT * FROM attachment_contents WHERE connection_id = $1 AND source_key = $2 AND attachment_id = $3', [
      key.connectionId,
      key.sourceKey,
      key.attachmentId,
    ]);
    if (!rows[0]) return undefined;
    const read = readRow(attachmentContentRow, rows[0], 'attachment content');
    return {
      connectionId: read.connection_id,
      sourceKey: read.source_key,
      attachmentId: read.attachment_id,
      contentBase64: read.content,
      bytes: read.bytes,
      receivedAt: read.received_at,
    };
  }

  async delete(key: AttachmentContentKey): Promise<void> {
    await this.database.query('DELETE FROM attachment_contents WHERE connection_id = $1 AND source_key = $2 AND attachment_id = $3', [
      key.connectionId,
      key.sourceKey,
      key.attachmentId,
    ]);
  }

  async measure(connectionId: string): Promise<number> {
    // SUM of bigint is numeric, which pg reads as text: cast back to the bigint the pool reads as a number.
    const { rows } = await this.database.query('SELECT COALESCE(SUM(bytes), 0)::bigint AS total FROM attachment_contents WHERE connection_id = $1', [
      connectionId,
    ]);
    return readRow(z.object({ total: z.number() }), rows[0], 'attachment content total').total;
  }

  async listReceivedBefore(receivedBefore: number, limit: number): Promise<(AttachmentContentKey & { bytes: number; receivedAt: number })[]> {
    const { rows } = await this.database.query(
      'SELECT connection_id, source_key, attachment_id, bytes, received_at FROM attachment_contents WHERE received_at < $1 ORDER BY received_at LIMIT $2',
      [receivedBefore, limit],
    );
    return rows.map((row) => {
      const read = readRow(attachmentContentKeyRow, row, 'attachment content');
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
