import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { writeSigningKeys, type WrittenKeys } from '../core/integrity/key-files.js';

export default class Keygen extends BaseCommand {
  static override summary = 'Make an Ed25519 key pair for signing plugins.';
  static override description =
    'Writes plugbench-signing.key (private, mode 600: keep it where plugins are built) and plugbench-signing.pub (ship it with the host).';
  static override examples = ['<%= config.bin %> keygen --out ./keys'];
  static override flags = {
    out: Flags.string({ description: 'folder for the two key files', default: '.' }),
    force: Flags.boolean({ description: 'replace key files that already exist', default: false }),
  };

  async run(): Promise<WrittenKeys> {
    const { flags } = await this.parse(Keygen);
    const written = await writeSigningKeys(flags.out, { force: flags.force });
    this.say(`key ${written.keyId}\n  private ${written.privateKeyPath}\n  public  ${written.publicKeyPath}`);
    return written;
  }
}
