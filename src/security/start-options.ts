/** Turns the security flags that demo and bench share into start options. */
import type { StartOptions } from '../core/transport.js';

export interface SecurityFlags {
  'require-signed'?: boolean;
  pub?: string;
  sandbox?: boolean;
}

/** `--require-signed --pub KEY` -> requireSigned; `--sandbox` -> sandbox. */
export function securityStartOptions(flags: SecurityFlags): StartOptions {
  return {
    ...(flags['require-signed'] && flags.pub ? { requireSigned: { publicKey: flags.pub } } : {}),
    ...(flags.sandbox ? { sandbox: true } : {}),
  };
}
