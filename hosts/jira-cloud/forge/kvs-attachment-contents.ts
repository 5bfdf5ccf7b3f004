import { z } from 'zod';
import type { AttachmentContent, AttachmentContentKey } from '../../../core';
import type { KeyValueSpace } from './key-value-space';
import { storageKey, storagePrefix } from './kvs-key';
import { deleteWrite, getStored, readStored, setWrite } from './stored-records';

const describedSchema = z.strictObject({
  connectionId: z.string(),
  sourceKey: z.string(),
  attachmentId: z.string(),
  bytes: z.number(),
  receivedAt: z.number(),
});

const contentKey = (key: AttachmentContentKey) => storageKey('attachment-content', key.connectionId, key.sourceKey, key.attachmentId);
const descriptionKey = (key: AttachmentContentKey) => storageKey('attachment-described', key.connectionId, key.sourceKey, key.attachmentId);

/**
 * Attachment content from peers in Forge KVS. The content (up to 10 MiB as base64url, split into
 * parts by the key-value space) and a small description of it (size, arrival) are kept under two
 * keys, so measuring a connection's content or finding old content lists descriptions only.
 */
export class KvsAttachmentContents {
  readonly #space: KeyValueSpace;

  constructor(space: KeyValueSpace) {
    this.#space = space;
  }

  put(content: AttachmentContent): Promise<void> {
    const { contentBase64, ...described } = content;
    return this.#space.apply([setWrite(contentKey(content), contentBase64), setWrite(descriptionKey(content), described)]);
  }

  async get(key: AttachmentContentKey): Promise<AttachmentContent | undefined> {
    const described = await getStored(this.#space, descriptionKey(key), describedSchema, 'attachment description');
    const contentBase64 = await getStored(this.#space, contentKey(key), z.string(), 'attachment content');
    return described && contentBase64 !== undefined ? { ...described, contentBase64 } : undefined;
  }

  delete(key: AttachmentContentKey): Promise<void> {
    return this.#space.apply([deleteWrite(contentKey(key)), deleteWrite(descriptionKey(key))]);
  }

  async measure(connectionId: string): Promise<number> {
    const described = await this.#space.list(storagePrefix('attachment-described', connectionId));
    return described.reduce((total, entry) => total + readStored(entry.value, describedSchema, 'attachment description').bytes, 0);
  }

  async listReceivedBefore(receivedBefore: number, limit: number): Promise<z.infer<typeof describedSchema>[]> {
    const described = (await this.#space.list(storagePrefix('attachment-described'))).map((entry) =>
      readStored(entry.value, describedSchema, 'attachment description'),
    );
    return described
      .filter((each) => each.receivedAt < receivedBefore)
      .sort((left, right) => left.receivedAt - right.receivedAt)
      .slice(0, limit);
  }
}
