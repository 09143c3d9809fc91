/**
 * CertRep structure audit: everything strict clients (iOS, sscep, certmonger) check in a reply (RFC 8894 §3.3.2), as a
 * list of problems — empty means conforming.
 */
import { HASHES } from '../../../lib/pki/algorithms';
import { contentOf, parseBer, toDer, UTag, type Asn1Node } from '../../../lib/pki/asn1';
import { findAttribute, parseEnvelopedData, parseSignedData, signedAttributeEncodings, verifySignerInfo } from '../../../lib/pki/cms';
import { matchesIssuerAndSerial, parseCertificate } from '../../../lib/pki/x509';
import {
  OID_SCEP_FAIL_INFO,
  OID_SCEP_FAIL_INFO_TEXT,
  OID_SCEP_MESSAGE_TYPE,
  OID_SCEP_PKI_STATUS,
  OID_SCEP_RECIPIENT_NONCE,
  OID_SCEP_SENDER_NONCE,
  OID_SCEP_TRANSACTION_ID,
  PkiStatus,
} from '../../../lib/scep/constants';

const definiteOnly = (n: Asn1Node): boolean => !n.indefinite && n.children.every(definiteOnly);

export function auditCertRep(body: Uint8Array, opts: { caCertificateDer: Uint8Array; requestSignerDer?: Uint8Array }): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const root = parseBer(body);
  expect(definiteOnly(root) && Buffer.compare(toDer(root), body) === 0, 'CertRep is not DER');
  const sd = parseSignedData(body);
  const si = sd.signerInfos[0]!;
  expect(sd.signerInfos.length === 1, 'exactly one SignerInfo expected');
  const hashOids = HASHES.map((h) => h.oid);
  expect(sd.digestAlgorithmOids.every((o) => hashOids.includes(o)), 'SignedData.digestAlgorithms must be hash OIDs');
  expect(hashOids.includes(si.digestAlgorithmOid), 'SignerInfo.digestAlgorithm must be a hash OID');
  expect(si.version === 1 && 'issuerDer' in si.sid, 'SignerInfo must be v1 with issuerAndSerialNumber');
  const forms = si.signedAttrsNode ? signedAttributeEncodings(si.signedAttrsNode) : null;
  expect(forms !== null && Buffer.compare(forms.asReceived, forms.sortedDer) === 0, 'signed attributes are not a DER-sorted SET OF');

  const ca = parseCertificate(opts.caCertificateDer);
  const sid = si.sid;
  expect('issuerDer' in sid && matchesIssuerAndSerial(ca, sid.issuerDer, sid.serial), 'signer is not the GetCACert certificate');
  expect(sd.certificates.some((c) => Buffer.compare(c, ca.der) === 0), 'the CA certificate is not included in certificates');
  expect(verifySignerInfo(sd, si, ca.publicKey, { allowMd5: true }).ok, 'signature does not verify with the CA key');

  const value = (oid: string) => findAttribute(si.signedAttrs, oid);
  const tagOf = (oid: string) => value(oid)?.tag ?? null;
  for (const [name, oid] of [
    ['messageType', OID_SCEP_MESSAGE_TYPE],
    ['pkiStatus', OID_SCEP_PKI_STATUS],
    ['transactionID', OID_SCEP_TRANSACTION_ID],
  ] as const) {
    expect(tagOf(oid) === UTag.printableString, `${name} must be a PrintableString`);
  }
  const nonce = value(OID_SCEP_SENDER_NONCE);
  expect(tagOf(OID_SCEP_SENDER_NONCE) === UTag.octetString, 'senderNonce must be an OCTET STRING');
  expect(nonce !== null && contentOf(nonce).length === 16, 'senderNonce must be 16 octets');
  expect(tagOf(OID_SCEP_RECIPIENT_NONCE) === UTag.octetString, 'recipientNonce must be an OCTET STRING');
  const statusNode = value(OID_SCEP_PKI_STATUS);
  const status = statusNode ? Buffer.from(contentOf(statusNode)).toString() : '';
  if (status === PkiStatus.FAILURE) {
    expect(tagOf(OID_SCEP_FAIL_INFO) === UTag.printableString, 'failInfo must be a PrintableString');
    const text = tagOf(OID_SCEP_FAIL_INFO_TEXT);
    expect(text === null || text === UTag.utf8String, 'failInfoText must be a UTF8String');
  } else {
    expect(tagOf(OID_SCEP_FAIL_INFO) === null, 'failInfo only belongs in FAILURE');
  }
  if (status !== PkiStatus.SUCCESS) {
    // OpenSSL (certmonger) refuses a SignedData without content: FAILURE and PENDING carry an empty eContent.
    expect(sd.eContent !== null && sd.eContent.length === 0, 'FAILURE/PENDING must carry an empty eContent');
    return problems;
  }
  if (!sd.eContent) return [...problems, 'SUCCESS without a pkcsPKIEnvelope'];
  const env = parseEnvelopedData(sd.eContent);
  const envData = parseBer(sd.eContent).children[1]!.children[0]!;
  const recipients = envData.children[1]!.children;
  expect(recipients.length === 1, 'reply must have exactly one RecipientInfo');
  const ktriVersion = recipients[0]?.children[0];
  expect(ktriVersion !== undefined && sd.eContent[ktriVersion.contentStart] === 0, 'KeyTransRecipientInfo must be v0');
  const encrypted = envData.children[2]!.children[2];
  expect(encrypted !== undefined && !encrypted.constructed && sd.eContent[encrypted.start] === 0x80, 'encryptedContent must be [0] IMPLICIT primitive');
  if (opts.requestSignerDer) {
    const signer = parseCertificate(opts.requestSignerDer);
    const r = env.recipients[0];
    expect(r !== undefined && r.issuerDer !== null && r.serial !== null && matchesIssuerAndSerial(signer, r.issuerDer, r.serial), 'reply is not encrypted to the request signer');
  }
  expect(env.iv !== null && (env.iv.length === 16 || env.iv.length === 8), 'content-encryption IV missing');
  return problems;
}
