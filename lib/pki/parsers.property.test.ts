/**
 * Every lib/pki parser against random bytes and mutated real inputs (the scepclient and macOS captures, their
 * certificates and CSR, Tessera's own output): it returns or throws its own typed error, never anything else.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedArb, refusesOnlyWith } from '../../test/support/fuzz';
import { encodeBer } from '../../test/support/ber';
import { contentOf, der, parseBer, toDer } from './asn1';
import { parseEnvelopedData, parseSignedData, signedDataTree, verifySignerInfo } from './cms';
import { Asn1Error, CertificateError, CmsError, CsrError } from './errors';
import { describeCertificate, formatName, parseCertificate, parseCsr, pemToDer } from './x509';
import { decodeSubjectAltName } from './x509/extensions';

const data = path.join(__dirname, '..', '..', 'test', 'data', 'scep');
const read = (...p: string[]) => fs.readFileSync(path.join(data, ...p));
const pem = (...p: string[]) => pemToDer(read(...p).toString('utf8'), p.at(-1)!.includes('csr') ? 'CERTIFICATE REQUEST' : 'CERTIFICATE');

const messages = [read('scepclient-2.1.0', 'pkcsreq-post.der'), read('scepclient-2.1.0', 'renewalreq-post.der'), read('macos-mdmclient-2016', 'PKCSReq.der')];
const certificates = [pem('scepclient-2.1.0', 'ca.pem'), pem('scepclient-2.1.0', 'issued-client.pem'), pem('scepclient-2.1.0', 'client-self-signed.pem'), pem('macos-mdmclient-2016', 'ca.pem')];
const csrs = [pem('scepclient-2.1.0', 'client-csr.pem')];
const envelopes = messages.map((m) => Buffer.from(parseSignedData(m).eContent!));
const issuer = { certificate: parseCertificate(certificates[0]!), privateKey: (await import('node:crypto')).createPrivateKey(read('scepclient-2.1.0', 'ca.key.pem')) };
const ours = der(signedDataTree({ content: envelopes[0]!, hash: 'SHA-256', signer: issuer, certificates: [issuer.certificate.der], signingTime: new Date() }));
const parsed = certificates.map((c) => parseCertificate(c));
const names = parsed.flatMap((c) => [c.issuerDer, c.subjectDer]);
const extensionValues = parsed.flatMap((c) => c.extensions.map((e) => e.value));
const all = [...messages, ...certificates, ...csrs, ...envelopes, ...names, ...extensionValues, ours, encodeBer(signedDataTree({ content: envelopes[1]!, hash: 'SHA-1', signer: issuer, certificates: [] }), 5)];

const RUNS = { numRuns: 1000 };
const inputs = fc.oneof({ weight: 3, arbitrary: mutatedArb(all) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) });

describe('parsers refuse bad input with their own typed errors (fast-check)', () => {
  it('BER reader: parses or throws Asn1Error; DER re-encoding of what it accepts parses again', () => {
    fc.assert(
      fc.property(inputs, (bytes) => {
        let node;
        try {
          node = parseBer(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(Asn1Error);
          return;
        }
        const again = parseBer(toDer(node, { sortSets: true }), { maxElements: Infinity, maxChildren: Infinity, maxDepth: 64 });
        expect(contentOf(again).length).toBe(contentOf(node).length);
      }),
      RUNS,
    );
  });

  it('SignedData and EnvelopedData: CmsError only; a verification never throws', () => {
    fc.assert(
      fc.property(inputs, (bytes) => {
        refusesOnlyWith(() => {
          const sd = parseSignedData(bytes);
          for (const si of sd.signerInfos) verifySignerInfo(sd, si, issuer.certificate.publicKey, { allowMd5: true });
        }, [CmsError]);
        refusesOnlyWith(() => parseEnvelopedData(bytes), [CmsError]);
      }),
      RUNS,
    );
  });

  it('certificates: CertificateError, or Asn1Error from an extension the description decodes', () => {
    fc.assert(fc.property(inputs, (bytes) => refusesOnlyWith(() => describeCertificate(bytes), [CertificateError, Asn1Error])), RUNS);
  });

  it('PKCS#10: CsrError only', () => {
    fc.assert(fc.property(inputs, (bytes) => refusesOnlyWith(() => parseCsr(bytes), [CsrError])), RUNS);
  });

  it('Names and GeneralNames: Asn1Error only', () => {
    fc.assert(
      fc.property(inputs, (bytes) => {
        refusesOnlyWith(() => formatName(bytes), [Asn1Error]);
        refusesOnlyWith(() => decodeSubjectAltName(bytes), [Asn1Error]);
      }),
      RUNS,
    );
  });
});
