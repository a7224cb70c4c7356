/**
 * The security flags `demo` and `bench` share: spread `securityFlags` into a
 * command's flags, pass the parsed values to `checkSecurityFlags` before
 * anything starts. `--pub KEY` alone means `--require-signed --pub KEY`: a key
 * given is a key used, never silently ignored.
 */
import { Flags } from '@oclif/core';
import { loadPublicKey } from '../core/integrity/keys.js';
import type { StartOptions } from '../core/transport.js';

export const securityFlags = {
  'require-signed': Flags.boolean({
    description: 'refuse a plugin whose folder does not match its signed manifest (INTEGRITY_FAILED)',
    dependsOn: ['pub'],
  }),
  pub: Flags.string({ description: 'public key file (from plugbench keygen); implies --require-signed' }),
  sandbox: Flags.boolean({
    description: 'run plugins in the sandbox their target offers (protections in plugbench list); targets without one refuse',
    default: false,
  }),
};

export interface SecurityFlagValues {
  'require-signed'?: boolean;
  pub?: string;
  sandbox?: boolean;
}

/** `--pub KEY` (with or without --require-signed) -> requireSigned; `--sandbox` -> sandbox. */
export function securityStartOptions(flags: SecurityFlagValues): StartOptions {
  return {
    ...(flags.pub ? { requireSigned: { publicKey: flags.pub } } : {}),
    ...(flags.sandbox ? { sandbox: true } : {}),
  };
}

/** Like securityStartOptions, once the key file is known to exist and to be an Ed25519 public key (INVALID_INPUT otherwise). */
export async function checkSecurityFlags(flags: SecurityFlagValues): Promise<StartOptions> {
  if (flags.pub) await loadPublicKey(flags.pub);
  return securityStartOptions(flags);
}
