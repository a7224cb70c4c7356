/** Facts the Go targets share, for their descriptors: constants only, imports nothing heavy. */
import type { TargetCapabilities } from '../../src/core/descriptor.js';
import { PROCESS_CAPABILITIES } from '../process/capabilities.js';

/**
 * A Go plugin is a process of its own; Go's scheduler keeps serving while one goroutine spins.
 * What garbage does depends on the channel (net/rpc on stdio or a socket, or go-plugin's gRPC), so each descriptor adds it.
 */
export const GO_PROCESS_CAPABILITIES: Omit<TargetCapabilities, 'garbage'> = {
  ...PROCESS_CAPABILITIES,
  hang: 'thread-left-running',
  connectable: false,
};

/** What a Go plugin author writes, under sample-plugins/. */
export const GO_PLUGIN_SAMPLE = 'go/src/plugbench/revert/revert.go';

const PLUGINKIT = ['errors.go', 'text.go', 'plugin.go', 'faults.go', 'process.go'].map((file) => `go/src/plugbench/pluginkit/${file}`);

/** plugbench's Go runtime beside the plugin: someone wrote it once. */
export const GO_EFFORT_SUPPORT = {
  netRpc: [...PLUGINKIT, 'go/src/plugbench/rpcplugin/service.go', 'go/src/plugbench/rpcplugin/serve.go', 'go/src/plugbench/rpcplugin/auth.go'],
  goPlugin: [...PLUGINKIT, ...['interface.go', 'status.go', 'grpc_server.go', 'grpc_client.go'].map((file) => `go/src/plugbench/shared/${file}`)],
} as const;
