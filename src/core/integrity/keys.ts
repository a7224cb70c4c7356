/** Ed25519 keys for signing plugins: generate, read from PEM files, and name them by a short id. */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PluginError } from '../errors.js';

export interface SigningKeyPair {
  /** PKCS#8 PEM: keep it secret, it signs plugins. */
  privateKeyPem: string;
  /** SPKI PEM: ship it with the host, it verifies plugins. */
  publicKeyPem: string;
  keyId: string;
}

export function generateSigningKeys(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** First 16 hex digits of the SHA-256 of the public key (DER): enough to tell keys apart in messages. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** A public key from PEM text, or from the path of a PEM file. */
export async function loadPublicKey(keyOrPath: string | KeyObject): Promise<KeyObject> {
  if (typeof keyOrPath !== 'string') {
    if (keyOrPath.type === 'private') throw new PluginError('INVALID_INPUT', 'the key given is a private key; verifying takes the public key');
    return assertEd25519(keyOrPath, 'public key');
  }
  const pem = await readPem(keyOrPath, 'public key');
  // createPublicKey would derive the public half from a private key; a private key has no business beside the host.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new PluginError('INVALID_INPUT', `${describeSource(keyOrPath)} is a private key; verifying takes the public key (the .pub file from plugbench keygen), and the private key stays where plugins are signed`);
  }
  try {
    return assertEd25519(createPublicKey(pem), keyOrPath);
  } catch (error) {
    throw asInvalidKey(error, 'public key', keyOrPath);
  }
}

/** A private key from the path of a PEM file (or PEM text). */
export async function loadPrivateKey(keyOrPath: string): Promise<KeyObject> {
  const pem = await readPem(keyOrPath, 'private key');
  try {
    return assertEd25519(createPrivateKey(pem), keyOrPath);
  } catch (error) {
    throw asInvalidKey(error, 'private key', keyOrPath);
  }
}

async function readPem(keyOrPath: string, kind: string): Promise<string> {
  if (keyOrPath.trimStart().startsWith('-----BEGIN')) return keyOrPath;
  try {
    return await readFile(keyOrPath, 'utf8');
  } catch (error) {
    throw new PluginError('INVALID_INPUT', `${kind} file ${keyOrPath} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

function assertEd25519(key: KeyObject, source: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new PluginError('INVALID_INPUT', `${source} is a ${key.asymmetricKeyType ?? 'symmetric'} key; plugbench signs with Ed25519 (make one with plugbench keygen)`);
  }
  return key;
}

function asInvalidKey(error: unknown, kind: string, source: string): PluginError {
  if (error instanceof PluginError) return error;
  return new PluginError('INVALID_INPUT', `${describeSource(source)} is not an Ed25519 ${kind} in PEM form: ${(error as Error).message}`, { cause: error });
}

/** A key given as a path is named by its path; PEM text is not quoted into messages. */
function describeSource(keyOrPath: string): string {
  return keyOrPath.trimStart().startsWith('-----BEGIN') ? 'the PEM text' : keyOrPath;
}
