/**
 * Which enrollment page to show, from the User-Agent. A profile installs only on the device that downloads it, so
 * everyone else gets a QR code to open the link on the iPhone. iPadOS Safari requests the desktop site and says
 * "Macintosh", so a Mac-looking visitor gets the QR code first and a secondary install link.
 */
export type DeviceKind = 'ios' | 'mac' | 'other';

export function deviceKindFromUserAgent(userAgent: string | null | undefined): DeviceKind {
  if (!userAgent) return 'other';
  if (/\b(iPhone|iPad|iPod)\b/.test(userAgent)) return 'ios';
  if (/\bMacintosh\b/.test(userAgent)) return 'mac';
  return 'other';
}
