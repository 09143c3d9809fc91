/** Names shown to the person: the CA's name inside the profile and the downloaded file's name. */
import { parseDistinguishedName } from '../../pki/x509/name';

const OID_CN = '2.5.4.3';

/**
 * [SCEP] Name / the root payload's display name. lib/profile writes "<name> CA certificate", so a trailing "CA" in
 * the common name is dropped ("Tessera Enrollment CA" → "Tessera Enrollment") to avoid "… CA CA certificate".
 */
export function caNameFor(caSubject: string): string {
  let cn: string | undefined;
  try {
    cn = parseDistinguishedName(caSubject).flat().find((a) => a.oid === OID_CN)?.value;
  } catch {
    cn = undefined;
  }
  const name = (cn ?? '').replace(/\s+CA$/i, '').replace(/\p{Cc}/gu, '').trim();
  return name ? name.slice(0, 255) : 'Tessera';
}

/** "Example Corp" → "Example-Corp-enrollment.mobileconfig": ASCII only, so the Content-Disposition needs no encoding. */
export function profileFilename(organization: string): string {
  const base = organization
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // ä → a, not a-
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return `${base || 'tessera'}-enrollment.mobileconfig`;
}
