/** The /enroll pages' components rendered to HTML: iPhone gets the install button, others a QR code; problem pages. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EnrollLanding, type EnrollLandingProps } from '../../app/enroll/_components/enroll-landing';
import { LinkProblemView } from '../../app/enroll/_components/link-problem';
import { qrDataUrl } from '../../app/enroll/_lib/qr-data-url';
import { deviceKindFromUserAgent } from '../../lib/server/enrollments/device-kind';
import { profileFilename, caNameFor } from '../../lib/server/enrollments/profile-naming';
import { publicBaseUrl } from '../../lib/server/enrollments/public-url';

const props: EnrollLandingProps = {
  device: 'ios',
  organization: 'Example Corp',
  email: 'ada@example.com',
  displayName: 'Ada',
  exchangeHost: 'mail.example.com',
  wifiSsid: null,
  profileUrl: 'https://pki.example.com/enroll/TOKEN/profile',
  enrollUrl: 'https://pki.example.com/enroll/TOKEN',
  qrDataUrl: null,
  expiresAt: new Date('2026-05-01T12:00:00Z'),
  manualApproval: false,
};
const html = (p: Partial<EnrollLandingProps>) => renderToStaticMarkup(createElement(EnrollLanding, { ...props, ...p }));

describe('enrollment pages', () => {
  it('recognises iPhone/iPad, Mac (maybe an iPad in desktop mode) and everything else', () => {
    expect(deviceKindFromUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1')).toBe('ios');
    expect(deviceKindFromUserAgent('Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X)')).toBe('ios');
    expect(deviceKindFromUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15')).toBe('mac');
    expect(deviceKindFromUserAgent('Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/124.0 Mobile Safari/537.36')).toBe('other');
    expect(deviceKindFromUserAgent(null)).toBe('other');
  });

  it('offers the install button and the steps on an iPhone, listing what gets installed', () => {
    const page = html({});
    expect(page).toContain('href="https://pki.example.com/enroll/TOKEN/profile"');
    expect(page).toContain('Install profile');
    expect(page).toContain('Profile Downloaded');
    expect(page).toContain('Example Corp certificate authority');
    expect(page).toContain('mail.example.com');
    expect(page).not.toContain('Wi-Fi network');
    expect(page).not.toContain('<img');
  });

  it('shows a QR code of the enroll URL instead of a download button elsewhere; a Mac also gets a small iPad link', async () => {
    const qr = await qrDataUrl(props.enrollUrl);
    expect(Buffer.from(qr.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toContain('<svg');
    const android = html({ device: 'other', qrDataUrl: qr, wifiSsid: 'Staff' });
    expect(android).toContain(`src="${qr}"`);
    expect(android).toContain('Open this page on your iPhone or iPad');
    expect(android).not.toContain('Install profile');
    expect(android).not.toContain('/profile"');
    expect(android).toContain('Wi-Fi network “Staff”');
    expect(html({ device: 'mac', qrDataUrl: qr })).toContain('href="https://pki.example.com/enroll/TOKEN/profile"');
  });

  it('renders friendly problem pages', () => {
    expect(renderToStaticMarkup(createElement(LinkProblemView, { problem: 'expired' }))).toContain('This link has expired');
    expect(renderToStaticMarkup(createElement(LinkProblemView, { problem: 'unknown' }))).toContain('not valid');
  });

  it('builds URLs from the configured public URL and safe file names', () => {
    expect(publicBaseUrl({ TESSERA_PUBLIC_URL: 'https://pki.example.com/', PORT: 3000 })).toBe('https://pki.example.com');
    expect(publicBaseUrl({ TESSERA_PUBLIC_URL: undefined, PORT: 8080 })).toBe('http://localhost:8080');
    expect(profileFilename('Exämple "Corp" / IT')).toBe('Example-Corp-IT-enrollment.mobileconfig');
    expect(profileFilename('日本')).toBe('tessera-enrollment.mobileconfig');
    expect(caNameFor('CN=Tessera Enrollment CA,O=X')).toBe('Tessera Enrollment');
    expect(caNameFor('O=X')).toBe('Tessera');
  });
});
