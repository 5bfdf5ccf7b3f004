import { trackerDisplayNames } from '../trackers';
import { modeLabels, previewLabels } from './labels';
import type { WizardInvitationPreview } from './wizard-event';
import type { PreviewRow } from './wizard-state';

/**
 * The expiry in UTC, written the same way in every host ("2026-11-25 14:00 UTC"). The wizard has
 * no clock and no locale, so it does not say "in 3 days"; a value that is not a date reads
 * "unknown" rather than throwing, because a transition never throws.
 */
export function formatExpiry(expiresAt: number | string): string {
  const milliseconds = typeof expiresAt === 'string' ? Date.parse(expiresAt) : expiresAt;
  const date = new Date(milliseconds);
  if (!Number.isFinite(milliseconds) || Number.isNaN(date.getTime())) return previewLabels.unknownExpiry;
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Who invites, from which tracker, in which mode, under which name, until when: in words. */
export function summariseInvitation(preview: WizardInvitationPreview): readonly PreviewRow[] {
  const description = preview.description.trim();
  return [
    { label: previewLabels.invitedBy, value: preview.inviterName },
    { label: previewLabels.tracker, value: trackerDisplayNames[preview.tracker] },
    { label: previewLabels.instance, value: preview.instanceUrl },
    { label: previewLabels.yourShortName, value: preview.destinationName },
    { label: previewLabels.mode, value: modeLabels[preview.mode] },
    { label: previewLabels.connectionName, value: preview.connectionName },
    { label: previewLabels.description, value: description === '' ? previewLabels.noDescription : description },
    { label: previewLabels.expires, value: formatExpiry(preview.expiresAt) },
  ];
}
