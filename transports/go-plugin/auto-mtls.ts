/**
 * go-plugin's AutoMTLS: each side makes a throwaway self-signed certificate
 * (CN and DNS name "localhost", usable as client and server, its own CA) and
 * trusts only the other side's. The host passes its certificate PEM in
 * PLUGIN_CLIENT_CERT; the plugin answers with its certificate's DER, base64
 * without padding, as the handshake's sixth field. Node has no X.509 writer,
 * so the certificate is DER-encoded here (a few dozen bytes of ASN.1).
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface Certificate {
  certPem: string;
  keyPem: string;
}

const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : lengthBytes(body.length);
  return Buffer.concat([Buffer.from([tag]), length, body]);
};
const lengthBytes = (n: number): Buffer => {
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const set = (...parts: Buffer[]) => tlv(0x31, ...parts);
/** A non-negative INTEGER in minimal DER: a random serial may start with zero bytes, which strict parsers (BoringSSL, Go) refuse. */
const integer = (raw: Buffer) => {
  let start = 0;
  while (start < raw.length - 1 && raw[start] === 0) start++;
  const bytes = raw.subarray(start);
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
};
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const bitString = (bytes: Buffer, unusedBits = 0) => tlv(0x03, Buffer.from([unusedBits]), bytes);
const octets = (bytes: Buffer) => tlv(0x04, bytes);
const TRUE = tlv(0x01, Buffer.from([0xff]));
const explicit = (n: number, part: Buffer) => tlv(0xa0 + n, part);

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 asks. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [TRUE] : []), octets(value));
const ECDSA_WITH_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const NAME = seq(set(seq(oid('2.5.4.10'), utf8('plugbench'))), set(seq(oid('2.5.4.3'), utf8('localhost'))));

/** A self-signed P-256 certificate as go-plugin's generateCert makes one (it uses P-521). */
export function generateCertificate(now = new Date()): Certificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const extensions = seq(
    // digitalSignature, keyEncipherment, keyAgreement, keyCertSign
    extension('2.5.29.15', true, bitString(Buffer.from([0xac]), 2)),
    // clientAuth, serverAuth
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.2'), oid('1.3.6.1.5.5.7.3.1'))),
    extension('2.5.29.19', true, seq(TRUE)),
    extension('2.5.29.17', false, seq(tlv(0x82, Buffer.from('localhost')))),
  );
  const validity = seq(time(new Date(now.getTime() - 30_000)), time(new Date(now.getTime() + 30 * 24 * 3600_000)));
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    ECDSA_WITH_SHA256,
    NAME,
    validity,
    NAME,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const der = seq(tbs, ECDSA_WITH_SHA256, bitString(sign('sha256', tbs, privateKey)));
  return { certPem: derToPem(der), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

/** PEM of a certificate's DER. */
export function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The handshake's certificate field: the DER, base64 without padding. */
export function pemToHandshakeField(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----|\s/g, '').replace(/=+$/, '');
}
