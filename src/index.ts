/** plugbench's library: the plugin contract, typed errors, host functions and the transport interface. */
export * from './core/contract.js';
export * from './core/errors.js';
export * from './core/host-api.js';
export * from './core/transport.js';
export type { CallContext, ClosedInfo, Connection, ConnectionHost, OpenConnection, OpenRequest } from './core/connection.js';
export { defineTarget, HANG_BEHAVIOURS, type HangBehaviour, type PluginKind, type TargetDescriptor, type TransportModule } from './core/descriptor.js';
export { PluginRunner } from './core/runner.js';
export type { HostClient, PluginModule } from './core/plugin-module.js';
export { listTargets, findTarget, registerTarget } from '../transports/catalog.js';
export { Supervisor, type SupervisorOptions } from './core/supervisor.js';
export { signPluginDir } from './core/integrity/sign.js';
export { verifyPluginDir } from './core/integrity/verify.js';
export { generateSigningKeys } from './core/integrity/keys.js';
export { MANIFEST_FILE, SIGNATURE_FILE } from './core/integrity/manifest.js';
export { nodePermissionArgs, nodeSandboxArgs } from './core/sandbox/node-permission.js';
