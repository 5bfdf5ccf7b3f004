import { z } from 'zod';

/**
 * What the Jira Server/DC adapter reads. Tolerant: unknown fields pass through and only what the
 * adapter uses is required. REST v2 shares these resources with Cloud v3 (ServerInformation,
 * Project, ErrorCollection); the licence is UPM's LicenseDetailsRepresentation.
 */

export const serverInformationSchema = z.looseObject({
  baseUrl: z.string().optional(),
  version: z.string(),
  /** `Server` or `DataCenter`. */
  deploymentType: z.string().optional(),
});

/** `GET /rest/api/2/project`: every visible project, unpaginated. */
export const projectListSchema = z.array(
  z.looseObject({
    id: z.string(),
    key: z.string(),
    name: z.string(),
  }),
);

export const upmLicenceSchema = z.looseObject({
  valid: z.boolean().optional(),
  evaluation: z.boolean().optional(),
  /** A UPM LicenseError: EXPIRED, TYPE_MISMATCH, USER_MISMATCH, VERSION_MISMATCH, … */
  error: z.string().nullable().optional(),
  /** UPM's short date (`14/Dec/24`), present when a licence is installed. */
  expiryDateString: z.string().nullable().optional(),
});

export type UpmLicence = z.infer<typeof upmLicenceSchema>;
