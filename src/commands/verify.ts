import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { verifyPluginDir, type VerifyResult } from '../core/integrity/verify.js';

export default class Verify extends BaseCommand {
  static override summary = 'Check a plugin folder against its signed manifest.';
  static override description =
    'Fails with INTEGRITY_FAILED naming the file when a file was changed, added or removed, or the signature is missing or bad.';
  static override examples = ['<%= config.bin %> verify dist/sample-plugins/typescript --pub keys/plugbench-signing.pub'];
  static override args = {
    dir: Args.string({ description: 'plugin folder to verify', required: true }),
  };
  static override flags = {
    pub: Flags.string({ description: 'public key file (from plugbench keygen)', required: true }),
  };

  async run(): Promise<VerifyResult> {
    const { args, flags } = await this.parse(Verify);
    const result = await verifyPluginDir(args.dir, flags.pub);
    this.say(`ok: ${result.files.length} files in ${result.dir} match the manifest signed by key ${result.keyId}`);
    return result;
  }
}
