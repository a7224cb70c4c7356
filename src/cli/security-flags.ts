/** The security flags `demo` and `bench` share; spread into a command's flags and pass to securityStartOptions. */
import { Flags } from '@oclif/core';

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
