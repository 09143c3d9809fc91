import { describe, expect, it } from 'vitest';
import { CapabilitiesConfigError, capabilitiesFor, renderCapabilities, validateCapabilities } from './capabilities';

describe('GetCACaps', () => {
  it('serves exactly the implemented keywords, one per line', () => {
    expect(renderCapabilities(capabilitiesFor({ renewal: false }))).toBe('AES\nPOSTPKIOperation\nSCEPStandard\nSHA-256\nSHA-512');
    expect(renderCapabilities(capabilitiesFor({ renewal: true })).split('\n')).toContain('Renewal');
  });

  it('never advertises DES or MD5', () => {
    for (const renewal of [false, true]) {
      const body = renderCapabilities(capabilitiesFor({ renewal }));
      expect(body).not.toMatch(/DES|MD5|\s$| \n|\n /);
      expect(body.length).toBeLessThanOrEqual(1024);
    }
  });

  it('refuses a list without SHA-* (iOS fails with 22006)', () => {
    expect(() => validateCapabilities(['AES', 'POSTPKIOperation', 'SCEPStandard'])).toThrow(CapabilitiesConfigError);
    expect(() => validateCapabilities([])).toThrow(/SHA-1, SHA-256 or SHA-512/);
    expect(() => validateCapabilities(['SHA-256', 'Bogus'])).toThrow(/unknown/);
  });
});
