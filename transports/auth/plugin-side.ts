/**
 * The plugin side of the secret (Node runners): read it once from the
 * environment and take it out of `process.env`, so the plugin module cannot
 * read it there. A network plugin without a well-formed secret refuses to start,
 * like one without the magic cookie.
 */
import { refuseUnlessStartedByHost } from '../process/magic-cookie.js';
import { PLUGIN_SECRET_ENV, isSecret } from './plugin-secret.js';

/** Exit code of a plugin started without its secret (the magic cookie's NOT_BY_HAND code). */
export const NO_SECRET_EXIT_CODE = 64;

export const NO_SECRET_MESSAGE =
  `${PLUGIN_SECRET_ENV} is not set to 64 hex digits: this plugin listens on the network and serves only a host that proves the secret. ` +
  `The host sets it; to start a plugin by hand for --connect, set it (e.g. \`export ${PLUGIN_SECRET_ENV}=$(openssl rand -hex 32)\`) and give the host the same value (docs/security.md).`;

/** Checks the magic cookie first, then returns the plugin's secret; exits with NO_SECRET_EXIT_CODE and one line on stderr when it is missing or malformed. */
export function takePluginSecret(): string {
  refuseUnlessStartedByHost();
  const secret = process.env[PLUGIN_SECRET_ENV];
  delete process.env[PLUGIN_SECRET_ENV];
  if (!isSecret(secret)) {
    process.stderr.write(`${NO_SECRET_MESSAGE}\n`);
    process.exit(NO_SECRET_EXIT_CODE);
  }
  return secret;
}
