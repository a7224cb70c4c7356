import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { signPluginDir, type SignResult } from '../core/integrity/sign.js';

export default class Sign extends BaseCommand {
  static override summary = 'Sign a plugin folder: a manifest of every file\'s SHA-256, signed with Ed25519.';
  static override description =
    'Writes plugbench-manifest.json and plugbench-manifest.sig into the folder. Sign after the last build step; any later change to the folder is refused by --require-signed.';
  static override examples = ['<%= config.bin %> sign dist/sample-plugins/typescript --key keys/plugbench-signing.key'];
  static override args = {
    dir: Args.string({ description: 'plugin folder to sign', required: true }),
  };
  static override flags = {
    key: Flags.string({ description: 'private key file (from plugbench keygen)', required: true }),
  };

  async run(): Promise<SignResult> {
    const { args, flags } = await this.parse(Sign);
    const result = await signPluginDir(args.dir, flags.key);
    this.say(`signed ${result.files.length} files in ${result.dir} with key ${result.keyId}`);
    return result;
  }
}
