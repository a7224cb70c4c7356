/** The security flags `demo` and `bench` share: spread `securityFlags` into a command's flags, pass the parsed values to securityStartOptions. */
import { Flags } from '@oclif/core';
import type { StartOptions } from '../core/transport.js';

export const securityFlags = {
  'require-signed': Flags.boolean({
    description: 'refuse a plugin whose folder does not match its signed manifest (INTEGRITY_FAILED)',
    dependsOn: ['pub'],
  }),
  pub: Flags.string({ description: 'public key file for --require-signed (from plugbench keygen)' }),
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

/** `--require-signed --pub KEY` -> requireSigned; `--sandbox` -> sandbox. */
export function securityStartOptions(flags: SecurityFlagValues): StartOptions {
  return {
    ...(flags['require-signed'] && flags.pub ? { requireSigned: { publicKey: flags.pub } } : {}),
    ...(flags.sandbox ? { sandbox: true } : {}),
  };
}
