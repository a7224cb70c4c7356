/**
 * The per-plugin secret that authenticates a network channel (docs/decisions/
 * authenticated-channels.md): 32 random bytes, written as 64 hex digits, made
 * by the host for each plugin start and handed to the plugin in its environment
 * (never on its command line). Each channel proves it its own way: a token
 * preamble on TCP, CURVE keys derived from it on ZeroMQ; gRPC uses mTLS.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PluginError } from '../../src/core/errors.js';

/** The plugin reads its secret here; the host sets it when it spawns the plugin. */
export const PLUGIN_SECRET_ENV = 'PLUGBENCH_PLUGIN_SECRET';
/** A host that connects to a running plugin (`--connect`) reads the plugin's secret here. */
export const CONNECT_SECRET_ENV = 'PLUGBENCH_CONNECT_SECRET';

const SECRET_FORM = /^[0-9a-f]{64}$/;

/** A fresh secret for one plugin start. */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

/** Whether `text` has the secret's form (64 lowercase hex digits). */
export function isSecret(text: string | undefined): text is string {
  return text !== undefined && SECRET_FORM.test(text);
}

/**
 * The secret a `--connect` host uses: `given` (StartOptions.secret), else
 * CONNECT_SECRET_ENV; INVALID_INPUT (exit 2 at the CLI) when missing or malformed.
 */
export function connectSecret(given: string | undefined, endpoint: string): string {
  const secret = given ?? process.env[CONNECT_SECRET_ENV];
  if (secret === undefined || secret === '') {
    throw new PluginError('INVALID_INPUT', `connecting to ${endpoint} needs the plugin's secret: set ${CONNECT_SECRET_ENV} to the ${PLUGIN_SECRET_ENV} the plugin was started with (docs/security.md)`);
  }
  const source = given === undefined ? CONNECT_SECRET_ENV : 'the secret (StartOptions.secret)';
  if (!isSecret(secret)) throw new PluginError('INVALID_INPUT', `${source} must be 64 hex digits (e.g. from \`openssl rand -hex 32\`), got ${String(secret).length} characters`);
  return secret;
}

/** A 32-byte key for one use (`label`), derived from the secret: HMAC-SHA256(secret, label). */
export function deriveKey(secret: string, label: string): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'hex')).update(label, 'utf8').digest();
}

/** Constant-time equality of two byte strings (false, not a throw, when the lengths differ). */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A start's secret and the environment that hands it to the plugin (the token channels, the CURVE keys). */
export function makeSecretEnv(): { secret: string; env: Record<string, string> } {
  const secret = newSecret();
  return { secret, env: { [PLUGIN_SECRET_ENV]: secret } };
}
