import { Flags } from '@oclif/core';
import { BaseCommand, EXIT_FAILURE } from '../cli/base-command.js';
import { commaList } from '../cli/comma-list.js';
import { PluginError } from '../core/errors.js';
import { brokerOptions, natsFlags } from '../cli/nats-flags.js';
import { MAX_TIMER_MS } from '../cli/validate.js';
import { runHealth, type HealthResult } from '../health/run-health.js';
import { runNatsHealth, type NatsHealthResult } from '../nats/nats-health.js';

export default class Health extends BaseCommand {
  static override summary = 'Check a fleet of out-of-process plugins with one survey; restart through the supervisor whoever does not answer.';
  static override description =
    'Starts every available out-of-process target (or those named, or connects to the endpoints given), asks all of them at once whether they are healthy, waits up to the deadline, restarts the silent ones through their supervisor and asks again. Exits 2 when a plugin still does not answer.';
  static override examples = [
    '<%= config.bin %> health',
    '<%= config.bin %> health --targets mq,mq-python --deadline 500',
    '<%= config.bin %> health --connect tcp://127.0.0.1:43121 --json',
    '<%= config.bin %> health --nats nats://127.0.0.1:4222 --instances 2',
  ];
  static override flags = {
    targets: Flags.string({ description: 'comma-separated targets (default: every available target of the process family)' }),
    connect: Flags.string({ description: 'a running mq plugin to survey (tcp://HOST:PORT); repeat for several', multiple: true }),
    deadline: Flags.integer({ description: `how long the survey waits for answers, in ms (at most ${MAX_TIMER_MS}, the longest a Node timer waits)`, default: 1000, min: 1, max: MAX_TIMER_MS }),
    ...natsFlags,
    instances: Flags.integer({ description: 'with --nats: also start this many local instances on it, restarted when silent', default: 0, min: 0 }),
  };

  async run(): Promise<HealthResult | NatsHealthResult> {
    const { flags } = await this.parse(Health);
    const broker = brokerOptions(flags);
    if (flags.instances > 0 && !broker) throw new PluginError('INVALID_INPUT', '--instances starts instances on a NATS server: pass --nats nats://HOST:PORT too');
    if (broker) {
      const result = await runNatsHealth({ broker, deadlineMs: flags.deadline, instances: flags.instances, narrate: (line) => this.say(line) });
      if (!result.allAnswering) process.exitCode = EXIT_FAILURE;
      return result;
    }
    const targets = commaList(flags.targets, 'targets');
    const result = await runHealth({
      ...(targets ? { targets } : {}),
      ...(flags.connect ? { endpoints: flags.connect } : {}),
      deadlineMs: flags.deadline,
      narrate: (line) => this.say(line),
    });
    if (!result.allAnswering) process.exitCode = EXIT_FAILURE;
    return result;
  }
}
