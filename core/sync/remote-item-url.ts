import { trackerProfile, type TrackerKind } from '../trackers';

/**
 * Where a person opens an item of the other side, from that side's tracker base URL (which the
 * connection learnt from the invitation code or the destination's `/exchange/v1/info`) and the
 * tracker's own address of an item, which its profile gives (`itemUrl`). Null when the other side's tracker or base URL is not known (yet).
 */
export function remoteItemUrl(tracker: TrackerKind | 'unknown', baseUrl: string | null | undefined, key: string): string | null {
  if (tracker === 'unknown' || !baseUrl || !isWebAddress(baseUrl)) return null;
  return trackerProfile(tracker).itemUrl(baseUrl.replace(/\/+$/, ''), key);
}

/** Only http(s) addresses become links: a peer's text is never put in an href as it came. */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
