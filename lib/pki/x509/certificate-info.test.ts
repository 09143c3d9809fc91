import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCertificate } from './certificate-info';
import { createCaCertificate } from './create-ca';
import { CertificateError, PemError } from '../errors';
import { derToPem, pemBlocks, pemToDer } from './pem';
import { makeTempDir, openssl } from '../../../test/support/openssl';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

function opensslCert(name: string, keyAlg: string[], extra: string[]): { pem: string; der: Buffer } {
  const path = tmp.path(`${name}.pem`);
  openssl([
    'req', '-x509', ...keyAlg, '-nodes', '-keyout', tmp.path(`${name}.key`), '-out', path, '-days', '30',
    '-subj', '/C=US/O=Acme, Inc./CN=server.example.com', ...extra,
  ]);
  const pem = tmp.read(`${name}.pem`).toString('utf8');
  return { pem, der: pemToDer(pem) };
}

describe('describeCertificate', () => {
  const rsa = opensslCert('rsa', ['-newkey', 'rsa:2048'], [
    '-addext', 'subjectAltName=DNS:server.example.com,email:a@example.com,URI:https://example.com/x,IP:192.0.2.7,IP:2001:db8::1,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:alice@corp.example',
    '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment',
    '-addext', 'extendedKeyUsage=serverAuth,clientAuth,1.2.3.4',
    '-addext', 'basicConstraints=critical,CA:FALSE',
  ]);
  const info = describeCertificate(rsa.der);
  const path = tmp.write('rsa-copy.pem', rsa.pem);

  it('agrees with openssl on names, serial, dates and fingerprints', () => {
    const out = openssl(['x509', '-in', path, '-noout', '-subject', '-issuer', '-serial', '-startdate', '-enddate',
      '-fingerprint', '-sha256', '-nameopt', 'RFC2253']);
    expect(out).toContain(`subject=${info.subject}\n`);
    expect(info.subject).toBe('CN=server.example.com,O=Acme\\, Inc.,C=US');
    expect(info.issuer).toBe(info.subject);
    const serial = /serial=([0-9A-F]+)/.exec(out)?.[1] ?? '';
    expect(BigInt(`0x${info.serialHex}`)).toBe(BigInt(`0x${serial}`));
    expect(out).toContain(`Fingerprint=${(info.sha256Hex.toUpperCase().match(/.{2}/g) ?? []).join(':')}`);
    const notAfter = /notAfter=(.*)/.exec(out)?.[1] ?? '';
    expect(info.notAfter.getTime()).toBe(new Date(notAfter).getTime());
    const sha1 = openssl(['x509', '-in', path, '-noout', '-fingerprint', '-sha1']);
    expect(sha1.replace(/:/g, '').toLowerCase()).toContain(info.sha1Hex);
  });

  it('reads key, algorithm and extensions', () => {
    expect(info).toMatchObject({
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['serverAuth', 'clientAuth', '1.2.3.4'],
      isCa: false,
    });
    expect(info.sans).toEqual([
      { type: 'dns', value: 'server.example.com' },
      { type: 'email', value: 'a@example.com' },
      { type: 'uri', value: 'https://example.com/x' },
      { type: 'ip', value: '192.0.2.7' },
      { type: 'ip', value: '2001:db8::1' },
      { type: 'upn', value: 'alice@corp.example' },
    ]);
    const text = openssl(['x509', '-in', path, '-noout', '-text']);
    const ski = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(text)?.[1] ?? 'missing';
    expect(info.subjectKeyIdHex).toBe(ski.replace(/:/g, '').toLowerCase());
  });

  it('computes the SPKI hash like openssl', () => {
    const spki = Buffer.from(openssl(['x509', '-in', path, '-noout', '-pubkey']).replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(info.spkiSha256Hex).toBe(createHash('sha256').update(spki).digest('hex'));
  });

  it('classifies EC keys and ECDSA signatures', () => {
    const ec = opensslCert('ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], []);
    const ecInfo = describeCertificate(ec.der);
    expect(ecInfo).toMatchObject({ keyType: 'EC', keyBits: 256, signatureAlgorithm: 'ecdsa-with-SHA256' });
  });

  it('reports CA certificates with their key identifiers', () => {
    const ca = describeCertificate(createCaCertificate({ subject: 'CN=CA' }).certificateDer);
    expect(ca.isCa).toBe(true);
    expect(ca.subjectKeyIdHex).toMatch(/^[0-9a-f]{40}$/);
    expect(ca.authorityKeyIdHex).toBe(ca.subjectKeyIdHex);
    expect(ca.keyUsage).toEqual(['digitalSignature', 'keyEncipherment', 'keyCertSign', 'cRLSign']);
  });

  it('rejects garbage and truncated input with CertificateError', () => {
    expect(() => describeCertificate(Buffer.from('hello'))).toThrow(CertificateError);
    expect(() => describeCertificate(rsa.der.subarray(0, rsa.der.length - 1))).toThrow(CertificateError);
    expect(() => describeCertificate(Buffer.concat([rsa.der, Buffer.from([0])]))).toThrow(/trailing/);
  });
});

describe('pem', () => {
  it('round-trips and finds every block', () => {
    const der = Buffer.from([1, 2, 3, 250]);
    const pem = derToPem(der, 'CERTIFICATE');
    expect(pem).toBe('-----BEGIN CERTIFICATE-----\nAQID+g==\n-----END CERTIFICATE-----\n');
    expect(pemToDer(pem)).toEqual(der);
    const long = derToPem(Buffer.alloc(100, 7), 'X');
    expect(long.split('\n')[1]).toHaveLength(64);
    const both = `junk\n${pem}\r\n${derToPem(Buffer.from([9]), 'PRIVATE KEY')}`;
    expect(pemBlocks(both).map((b) => b.label)).toEqual(['CERTIFICATE', 'PRIVATE KEY']);
    expect(pemToDer(both, 'PRIVATE KEY')).toEqual(Buffer.from([9]));
  });

  it('fails clearly', () => {
    expect(() => pemToDer('nothing here')).toThrow(PemError);
    expect(() => pemToDer('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----')).toThrow(/base64/);
  });
});
