/**
 * Key custody. Private keys are stored as AES-256-GCM envelopes under a 32-byte master key; challenges and API tokens
 * are stored as HMAC-SHA256 values under a subkey of the same master key (so a database dump alone reveals neither).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ENVELOPE_VERSION = 1;

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

export interface MasterKey {
  /** Where the key came from, for start-up messages: "TESSERA_MASTER_KEY" or the file path. */
  source: string;
  encrypt(plaintext: Uint8Array, purpose: string): Buffer;
  /** Throws MasterKeyError when the envelope was made under another key or was altered. */
  decrypt(envelope: Uint8Array, purpose: string): Buffer;
  /** Keyed hash for secrets we must recognise but never store (challenges, tokens). Hex. */
  hashSecret(secret: string, purpose: string): string;
}

/** Accepts 64 hex characters or base64/base64url of exactly 32 bytes. */
export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  throw new MasterKeyError(
    'TESSERA_MASTER_KEY must be 32 bytes written as 64 hex characters or base64 (e.g. `openssl rand -base64 32`).',
  );
}

export function createMasterKey(key: Buffer, source: string): MasterKey {
  if (key.length !== 32) throw new MasterKeyError('master key must be 32 bytes');
  const hashKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'tessera secret hash v1', 32));
  return {
    source,
    encrypt(plaintext, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.from([ENVELOPE_VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(envelope, purpose) {
      const buf = Buffer.from(envelope);
      if (buf.length < 29 || buf[0] !== ENVELOPE_VERSION) throw new MasterKeyError(`unreadable ${purpose} envelope`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 13));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(buf.subarray(13, 29));
        return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]);
      } catch {
        throw new MasterKeyError(
          `the master key from ${source} cannot decrypt the stored ${purpose}: it is not the key the data was written with`,
        );
      }
    },
    hashSecret(secret, purpose) {
      return createHmac('sha256', hashKey).update(purpose).update('\0').update(secret, 'utf8').digest('hex');
    },
  };
}

export function secretHashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * TESSERA_MASTER_KEY when set; otherwise `<dataDir>/master.key`, generated once with mode 0600.
 * A corrupt key file is an error, never silently replaced (that would orphan every stored private key).
 */
export async function loadMasterKey(opts: { envValue: string | undefined; dataDir: string }): Promise<MasterKey> {
  if (opts.envValue !== undefined) return createMasterKey(parseMasterKey(opts.envValue), 'TESSERA_MASTER_KEY');
  const file = path.join(opts.dataDir, 'master.key');
  const existing = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (existing !== null) {
    try {
      return createMasterKey(parseMasterKey(existing), file);
    } catch {
      throw new MasterKeyError(`${file} is corrupt (expected 64 hex characters). Restore it from backup; Tessera will not replace it.`);
    }
  }
  await mkdir(opts.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return createMasterKey(key, file);
}
