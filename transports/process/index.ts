/**
 * The process lifecycle shared by every out-of-process target (stdio, TCP,
 * ZeroMQ; any language). Host side: `openPluginProcess(spec, {protocol}, connect)`
 * spawns the plugin, reads its handshake and calls `connect(plugin, request)` to
 * open the channel to the announced address and return the Connection; the
 * `RunningPlugin` it gets reports channel loss and protocol errors and stops the
 * process. Plugin side (Node): `startNodeRunner` (from ./node-runner.js), then
 * `exitWhenStdinCloses`, then print `formatHandshake(...)` as the first stdout line.
 */
export { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, NOT_BY_HAND_EXIT_CODE, NOT_BY_HAND_MESSAGE, hasMagicCookie, refuseUnlessStartedByHost } from './magic-cookie.js';
export { APP_PROTOCOL_VERSION, CORE_PROTOCOL_VERSION, formatHandshake, parseHandshake, type Handshake, type HandshakeExpectation, type HandshakeNetwork } from './handshake.js';
export { describeExit, spawnPlugin, type PluginProcess, type ProcessExit, type ProcessSpec } from './spawn-plugin.js';
export { readHandshake, type HandshakeResult } from './read-handshake.js';
export { DEFAULT_GRACE_MS, DEFAULT_TERM_MS, stopPlugin, type StopOutcome, type StopTimings } from './stop-plugin.js';
export { openPluginProcess, startPluginProcess, type RunningPlugin } from './plugin-process.js';
export { nodeRunnerAt, nodeRunnerSpec, type RunnerSpec, type SpecFor } from './node-runner-spec.js';
export { FAULT_INJECTION_ENV, PLUGIN_PATH_ENV, runnerEnv } from './runner-env.js';
export { connectTcp, connectUnix } from './connect-tcp.js';
export { forwardStdout } from './forward-stdout.js';
export { NO_DEATH_SIGNAL_ENV, withDeathSignal } from './death-signal.js';
