/** The go-netrpc target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { GO_EFFORT_SUPPORT, GO_PLUGIN_SAMPLE, GO_PROCESS_CAPABILITIES } from '../go-common/facts.js';

const BINARY = 'go-netrpc-revert';

export const descriptor = defineTarget({
  name: 'go-netrpc',
  family: 'process',
  channel: 'tcp',
  description: "Go child process serving the standard library's net/rpc with its JSON codec on 127.0.0.1 (the seed's program), address from a handshake line",
  capabilities: { ...GO_PROCESS_CAPABILITIES, garbage: 'breaks-channel' },
  plugin: { language: 'go', sampleFile: `dist/sample-plugins/go/${BINARY}`, accepts: ['go-binary'] },
  effort: {
    files: [GO_PLUGIN_SAMPLE, 'go/src/plugbench/cmd/go-netrpc-revert/main.go'],
    support: GO_EFFORT_SUPPORT.netRpc,
    buildSteps: ['go build (GOPATH mode, offline)'],
  },
  mechanism: 'net-rpc-tcp',
  availability: async () => (await import('../go-common/go-build.js')).goBinaryAvailability(BINARY),
  load: async () => ({ open: (await import('../go-common/net-rpc-connection.js')).openNetRpcPlugin(BINARY) }),
});
