/**
 * A BER writer for test fixtures: the same value trees lib/pki writes as DER, written the way iOS sends them —
 * indefinite lengths on every constructed element and long OCTET STRINGs split into constructed segments
 * (X.690 §8.1.3.6, §8.7.3.2). Pre-encoded parts (certificates, names, signed attributes) stay as they are.
 */
import type { Asn1 } from '../../lib/pki/asn1';
import { der } from '../../lib/pki/asn1';

const OCTET_STRING = 0x04;
const IMPLICIT_0_PRIMITIVE = 0x80; // e.g. EnvelopedData's encryptedContent [0] IMPLICIT OCTET STRING

const indefinite = (identifier: number, parts: Uint8Array[]): Uint8Array => Buffer.concat([Uint8Array.of(identifier, 0x80), ...parts, Uint8Array.of(0, 0)]);

export function encodeBer(node: Asn1, segmentSize = 64): Uint8Array {
  switch (node.kind) {
    case 'raw':
      return node.der;
    case 'prim': {
      if ((node.tag !== OCTET_STRING && node.tag !== IMPLICIT_0_PRIMITIVE) || node.value.length <= segmentSize) return der(node);
      const parts: Uint8Array[] = [];
      for (let i = 0; i < node.value.length; i += segmentSize) parts.push(der({ kind: 'prim', tag: OCTET_STRING, value: node.value.subarray(i, i + segmentSize) }));
      return indefinite(node.tag | 0x20, parts);
    }
    case 'cons':
      return indefinite(node.tag, node.children.map((c) => encodeBer(c, segmentSize)));
  }
}
