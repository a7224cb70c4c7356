import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { checkSecurityFlags, securityFlags } from '../cli/security-flags.js';
import { checkReadableFile } from '../cli/validate.js';
import { SEED_TEXT } from '../core/contract.js';
import { DEMO_DETAIL_COLUMN, runDemo, type DemoResult } from '../demo/run-demo.js';
import { targetNames } from '../../transports/catalog.js';

/** Enough for a stable median; the durations are kept in memory, so not unbounded. */
const MAX_CALLS = 1_000_000;

export default class Demo extends BaseCommand {
  static override summary = 'Watch one target work: start the plugin, call it, stop it, with every step timed.';
  static override description = `Valid targets: ${targetNames().join(', ')} (see \`plugbench list\` for which are available here).`;
  static override examples = [
    '<%= config.bin %> demo worker',
    '<%= config.bin %> demo in-process --input "héllo 👋" --calls 1000',
    '<%= config.bin %> demo worker --method revertWithPrefix',
    '<%= config.bin %> demo dynamic-import --plugin ./my-plugin.js --json',
    '<%= config.bin %> demo mq --connect tcp://127.0.0.1:43121',
    '<%= config.bin %> demo nats --connect nats://127.0.0.1:4222',
    '<%= config.bin %> demo worker --require-signed --pub keys/plugbench-signing.pub --sandbox',
  ];
  static override args = {
    target: Args.string({ description: 'target to run (see `plugbench list`)', required: true }),
  };
  static override flags = {
    input: Flags.string({ description: 'text to revert', default: SEED_TEXT }),
    calls: Flags.integer({ description: `call this many times and report the median call time (at most ${MAX_CALLS})`, default: 1, min: 1, max: MAX_CALLS }),
    method: Flags.string({ description: 'plugin method to call', options: ['revert', 'revertWithPrefix'], default: 'revert' }),
    plugin: Flags.string({ description: 'plugin file to load instead of the sample (targets that load files)' }),
    connect: Flags.string({ description: 'connect to a plugin already running at tcp://HOST:PORT (mq targets) or the service on nats://HOST:PORT (nats) instead of starting one' }),
    ...securityFlags,
  };

  async run(): Promise<DemoResult> {
    const { args, flags } = await this.parse(Demo);
    const pluginPath = flags.plugin === undefined ? undefined : await checkReadableFile('plugin', flags.plugin);
    const security = await checkSecurityFlags(flags);
    return runDemo({
      target: args.target,
      input: flags.input,
      calls: flags.calls,
      method: flags.method as 'revert' | 'revertWithPrefix',
      ...(pluginPath ? { pluginPath } : {}),
      startOptions: { ...security, ...(flags.connect ? { endpoint: flags.connect } : {}) },
      // A step's detail wraps under the detail column; the target's description under itself.
      narrate: (line) => this.say(line, line.startsWith('  ') ? ' '.repeat(DEMO_DETAIL_COLUMN) : '  '),
    });
  }
}
