/**
 * The throwaway certificates of mTLS (and go-plugin's AutoMTLS) are DER that
 * strict parsers accept: a random serial that starts with zero bytes must be
 * encoded without them (BoringSSL, under Python's grpcio, refused about one
 * certificate in 150 before, and the plugin failed to start).
 */
import { describe, expect, it } from 'vitest';
import { generateCertificate } from '../../../transports/go-plugin/auto-mtls.js';

/** The serial INTEGER's content bytes: Certificate -> tbsCertificate -> [0] version -> serialNumber. */
function serialBytes(pem: string): Buffer {
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
  let at = 0;
  const header = () => {
    const tag = der[at]!;
    let length = der[at + 1]!;
    at += 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      length = der.readUIntBE(at, count);
      at += count;
    }
    return { tag, length };
  };
  header(); // Certificate
  header(); // tbsCertificate
  const version = header();
  at += version.length;
  const serial = header();
  expect(serial.tag).toBe(0x02);
  return der.subarray(at, at + serial.length);
}

describe('generateCertificate', () => {
  it('encodes every serial as a minimal positive INTEGER', () => {
    for (let i = 0; i < 2_000; i++) {
      const serial = serialBytes(generateCertificate().certPem);
      expect(serial[0]! & 0x80).toBe(0);
      if (serial.length > 1 && serial[0] === 0) expect(serial[1]! & 0x80).not.toBe(0);
    }
  });
});
