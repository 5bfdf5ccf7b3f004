/**
 * The admin token of a self-hosted node, kept for this browser tab only: sessionStorage is cleared
 * when the tab closes and is not shared with other tabs, so a token typed on a shared machine does
 * not outlive the session. Storage can be unavailable (a privacy mode); the console then asks again.
 */
const storageKey = 'exalate.adminToken';

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function readStoredAdminToken(): string | null {
  try {
    const token = sessionStore()?.getItem(storageKey) ?? null;
    return token === null || token.trim() === '' ? null : token;
  } catch {
    return null;
  }
}

export function storeAdminToken(token: string): void {
  try {
    sessionStore()?.setItem(storageKey, token);
  } catch {
    // Not stored: the admin signs in again after a reload, which is the safe failure.
  }
}

export function forgetAdminToken(): void {
  try {
    sessionStore()?.removeItem(storageKey);
  } catch {
    // Nothing was stored.
  }
}
