import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MasterKeyError, createMasterKey, loadMasterKey, parseMasterKey } from '../../lib/secrets/master-key';
import { hashPassword, verifyPassword } from '../../lib/secrets/password';
import { normaliseCopySafeSecret, randomCopySafeSecret } from '../../lib/secrets/random-secret';

describe('master key', () => {
  it('encrypts with AES-256-GCM bound to a purpose; another key or purpose cannot decrypt', () => {
    const a = createMasterKey(Buffer.alloc(32, 1), 'test');
    const b = createMasterKey(Buffer.alloc(32, 2), 'test');
    const env = a.encrypt(Buffer.from('private key'), 'scep-ca private key');
    expect(a.decrypt(env, 'scep-ca private key').toString()).toBe('private key');
    expect(() => b.decrypt(env, 'scep-ca private key')).toThrow(MasterKeyError);
    expect(() => a.decrypt(env, 'profile-signer private key')).toThrow(MasterKeyError);
    const tampered = Buffer.from(env);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => a.decrypt(tampered, 'scep-ca private key')).toThrow(MasterKeyError);
    expect(a.hashSecret('s', 'p')).not.toBe(b.hashSecret('s', 'p'));
    expect(a.hashSecret('s', 'p')).not.toBe(a.hashSecret('s', 'q'));
  });

  it('accepts 64 hex characters or base64 of 32 bytes, and nothing else', () => {
    expect(parseMasterKey('ab'.repeat(32))).toHaveLength(32);
    expect(parseMasterKey(Buffer.alloc(32, 7).toString('base64'))).toHaveLength(32);
    for (const bad of ['', 'garbage', 'ab'.repeat(31), Buffer.alloc(16).toString('base64')]) expect(() => parseMasterKey(bad)).toThrow(MasterKeyError);
  });

  it('generates master.key once with mode 0600, reuses it, and refuses (never replaces) a corrupt one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-mk-'));
    const k1 = await loadMasterKey({ envValue: undefined, dataDir: dir });
    const k2 = await loadMasterKey({ envValue: undefined, dataDir: dir });
    expect(k2.decrypt(k1.encrypt(Buffer.from('x'), 'p'), 'p').toString()).toBe('x');
    expect((await stat(path.join(dir, 'master.key'))).mode & 0o777).toBe(0o600);
    await writeFile(path.join(dir, 'master.key'), 'not a key');
    await expect(loadMasterKey({ envValue: undefined, dataDir: dir })).rejects.toThrow(/corrupt/);
    expect(await readFile(path.join(dir, 'master.key'), 'utf8')).toBe('not a key');
  });
});

describe('secrets people handle', () => {
  it('challenges carry 130 bits in a copy-safe alphabet and survive case/dash changes', () => {
    const s = randomCopySafeSecret();
    expect(s).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{1,5}){5}$/);
    expect(normaliseCopySafeSecret(s.toLowerCase().replace(/-/g, ' '))).toBe(s.replace(/-/g, ''));
    expect(new Set(Array.from({ length: 1000 }, () => randomCopySafeSecret())).size).toBe(1000);
  });

  it('hashes admin passwords with scrypt and verifies them', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', h)).toBe(false);
  });
});
