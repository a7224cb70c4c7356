import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { brokerOptions, natsFlags } from '../cli/nats-flags.js';
import { PluginError } from '../core/errors.js';
import { serveOnBroker, type ServeResult } from '../nats/serve.js';

export default class Serve extends BaseCommand {
  static override summary = 'Serve one plugin instance on a NATS server or cluster until stopped (SIGTERM: drain, then exit).';
  static override description =
    'Starts one instance of the target\'s plugin, connected to the NATS server given with --nats, serving the revert service in its queue group, so any number of `serve` processes on any machine share the calls. Survey them with `plugbench health --nats URL`.';
  static override examples = ['<%= config.bin %> serve nats --nats nats://127.0.0.1:4222', '<%= config.bin %> serve nats --nats nats://a:4222,nats://b:4222 --nats-creds ./plugin.creds'];
  static override args = { target: Args.string({ description: 'target to serve (nats)', required: true }) };
  static override flags = {
    ...natsFlags,
    plugin: Flags.string({ description: 'plugin file to serve instead of the sample' }),
  };

  async run(): Promise<ServeResult> {
    const { args, flags } = await this.parse(Serve);
    const broker = brokerOptions(flags);
    if (!broker) throw new PluginError('INVALID_INPUT', 'serve needs a NATS server: pass --nats nats://HOST:PORT (start one with `nats-server -p 4222`)');
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    // `on`, not `once`: execa's exit hook kills the process on a signal nobody else listens to any more.
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      return await serveOnBroker({ target: args.target, broker, signal: stop.signal, ...(flags.plugin ? { pluginPath: flags.plugin } : {}), narrate: (line) => this.say(line) });
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
  }
}
