import { largestAttachmentBytesIn } from '../../../core';

/**
 * What one Forge invocation may take in and give back: 5 MB of request and 5 MB of response
 * payload (developer.atlassian.com/platform/forge/limits-invocation). A web trigger's request and
 * answer count in full, headers and all (developer.atlassian.com/platform/forge/events-reference/
 * web-trigger), so a poll answer or a pushed delivery over it fails in the platform, before or
 * after the function ran, with nothing the admin can read.
 */
export const forgePayloadBytes = 5_000_000;

/**
 * The largest peer message this app sends (poll answers and deliveries), in UTF-8 bytes: 4 MiB
 * leaves 800 KB of the platform's figure for the JSON around the envelopes, the signature header
 * and the rest of the HTTP request. Core packs envelopes up to it (fitMessageSize) and refuses an
 * attachment whose envelope alone would not fit, with an item error that names both sizes.
 */
export const forgeMessageBytes = 4 * 1024 * 1024;

/** The largest attachment the app can send: its base64url envelope fills one message. About 3 MiB. */
export const forgeAttachmentBytes = largestAttachmentBytesIn(forgeMessageBytes);
