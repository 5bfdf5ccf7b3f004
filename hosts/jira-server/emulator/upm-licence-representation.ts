import type { LicenceState } from '../../../core';

/**
 * The Exalate app's licence as UPM answers `GET /rest/plugins/1.0/<key>-key/license`.
 * UPM publishes no API document; the fields follow UPM's LicenseDetailsRepresentation
 * (`com.atlassian.upm.rest.representations`): `valid`, `error` (a LicenseError such as `EXPIRED`),
 * `evaluation`, `nearlyExpired`, `maximumNumberOfUsers`, `licenseType` (a LicenseType such as
 * `COMMERCIAL`; an evaluation is a flag, not a type), dates as epoch milliseconds (Jackson's default
 * for java.util.Date) beside `dd/MMM/yy` strings. With no licence installed only the flags remain.
 */
export function upmLicenceRepresentation(licence: LicenceState, selfPath: string, now: Date): Record<string, unknown> {
  const links = { self: selfPath };
  if (licence === 'none') return { valid: false, evaluation: false, nearlyExpired: false, links };

  const day = 24 * 60 * 60 * 1000;
  const expiry = new Date(now.getTime() + { trial: 30, paid: 365, expired: -2 }[licence] * day);
  const details = {
    evaluation: licence !== 'paid',
    nearlyExpired: false,
    maximumNumberOfUsers: -1,
    licenseType: 'COMMERCIAL',
    creationDateString: upmDate(new Date(expiry.getTime() - (licence === 'paid' ? 365 : 30) * day)),
    expiryDate: expiry.getTime(),
    expiryDateString: upmDate(expiry),
    maintenanceExpiryDate: expiry.getTime(),
    maintenanceExpiryDateString: upmDate(expiry),
    organizationName: 'Acme',
    contactEmail: 'admin@acme.example',
    supportEntitlementNumber: 'SEN-L19283746',
    rawLicense: 'AAABLg0ODAoPeNp9kF9LwzAUxd/zKQI+t6Rsfzh0jOWgY0wLVNh9ze9bm9wUw6ae8VeZ',
    links,
  };
  return licence === 'expired' ? { valid: false, error: 'EXPIRED', ...details } : { valid: true, ...details };
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** UPM's short date, e.g. `14/Dec/24`. */
function upmDate(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, '0');
  const year = String(date.getUTCFullYear() % 100).padStart(2, '0');
  return `${day}/${monthNames[date.getUTCMonth()] ?? ''}/${year}`;
}
