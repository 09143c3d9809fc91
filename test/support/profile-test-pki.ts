/**
 * Test-only PKI made with /usr/bin/openssl: root CA → intermediate → profile signer (RSA) plus an EC signer.
 * Files live in a temp dir so the openssl CLI can verify against them.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestIdentity {
  certPem: string;
  certDer: Buffer;
  certPath: string;
  keyPath: string;
  privateKey: KeyObject;
}
export interface TestPki {
  dir: string;
  root: TestIdentity;
  intermediate: TestIdentity;
  signer: TestIdentity;
  ecSigner: TestIdentity;
  cleanup: () => void;
}

export function openssl(args: string[], input?: Buffer | string): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

function identity(dir: string, name: string): TestIdentity {
  const certPath = path.join(dir, `${name}.pem`);
  const keyPath = path.join(dir, `${name}.key`);
  const certPem = readFileSync(certPath, 'utf8');
  return { certPem, certDer: Buffer.from(new X509Certificate(certPem).raw), certPath, keyPath, privateKey: createPrivateKey(readFileSync(keyPath)) };
}

function issue(dir: string, name: string, subject: string, issuer: string, ext: string, keyArgs: string[]): TestIdentity {
  const p = (f: string) => path.join(dir, f);
  openssl(['genpkey', ...keyArgs, '-out', p(`${name}.key`)]);
  openssl(['req', '-new', '-key', p(`${name}.key`), '-subj', subject, '-out', p(`${name}.csr`)]);
  writeFileSync(p(`${name}.ext`), ext);
  openssl([
    'x509', '-req', '-in', p(`${name}.csr`), '-CA', p(`${issuer}.pem`), '-CAkey', p(`${issuer}.key`), '-CAcreateserial',
    '-days', '30', '-sha256', '-extfile', p(`${name}.ext`), '-out', p(`${name}.pem`),
  ]);
  return identity(dir, name);
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-profile-'));
  const p = (f: string) => path.join(dir, f);
  const rsa = ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  openssl(['genpkey', ...rsa, '-out', p('root.key')]);
  openssl([
    'req', '-x509', '-new', '-key', p('root.key'), '-subj', '/O=Tessera Test/CN=Tessera Test Root, "Unit" CA', '-days', '30', '-sha256',
    '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', p('root.pem'),
  ]);
  const caExt = 'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n';
  // No EKU: `openssl cms -verify` defaults to the S/MIME signing purpose, which an EKU without emailProtection fails.
  const leafExt = 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\n';
  const intermediate = issue(dir, 'intermediate', '/O=Tessera Test/CN=Tessera Test Intermediate', 'root', caExt, rsa);
  const signer = issue(dir, 'signer', '/O=Tessera Test/CN=profiles.example.com', 'intermediate', leafExt, rsa);
  const ecSigner = issue(dir, 'ec-signer', '/O=Tessera Test/CN=ec-profiles.example.com', 'intermediate', leafExt, [
    '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256',
  ]);
  return { dir, root: identity(dir, 'root'), intermediate, signer, ecSigner, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
