/**
 * When a certificate may be renewed: in the last `percent` % of its validity (default the last third). Earlier renewals
 * would let one enrollment keep a stream of fresh certificates alive; later ones are refused because it has expired.
 */
export function renewalOpensAt(cert: { notBefore: Date; notAfter: Date }, percent: number): Date {
  const span = cert.notAfter.getTime() - cert.notBefore.getTime();
  return new Date(cert.notAfter.getTime() - Math.round((span * percent) / 100));
}

/** The renewal window as a form shows it, to 0.01 % (33.33 for the default third). Pure: used by the client form. */
export const shownPercent = (percent: number): number => Math.round(percent * 100) / 100;

/** "33.3" for the default third, "50" for half. */
export const formatPercent = (percent: number): string => (Number.isInteger(percent) ? String(percent) : percent.toFixed(1));
