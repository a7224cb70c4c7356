/**
 * A process target's open with a fresh secret per start: the plugin gets it in
 * its environment (the process helper's spec, never its command line), and the
 * channel's `connect` gets it to prove to the plugin.
 */
import type { Connection, OpenConnection, OpenRequest } from '../../src/core/connection.js';
import type { HandshakeExpectation } from '../process/handshake.js';
import type { SpecFor } from '../process/node-runner-spec.js';
import { openPluginProcess, type RunningPlugin } from '../process/plugin-process.js';

export type ConnectWithSecret<S> = (plugin: RunningPlugin, request: OpenRequest, secret: S) => Promise<Connection>;

/** `make()` the start's secret and the environment that hands it over; the rest is openPluginProcess. */
export function openWithSecret<S>(make: () => { secret: S; env: Record<string, string> }, spec: SpecFor, expected: HandshakeExpectation, connect: ConnectWithSecret<S>): OpenConnection {
  return (request) => {
    const { secret, env } = make();
    const withSecret: SpecFor = async (options) => {
      const base = await spec(options);
      return { ...base, env: { ...base.env, ...env } };
    };
    return openPluginProcess(withSecret, expected, (plugin, opened) => connect(plugin, opened, secret))(request);
  };
}
