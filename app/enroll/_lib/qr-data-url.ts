import QRCode from 'qrcode';

/** An inline SVG QR code as a data: URL (the CSP allows data: images; no external asset or script). */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
