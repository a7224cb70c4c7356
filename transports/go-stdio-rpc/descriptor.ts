/** The go-stdio-rpc target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { GO_EFFORT_SUPPORT, GO_PLUGIN_SAMPLE, GO_PROCESS_CAPABILITIES } from '../go-common/facts.js';

const BINARY = 'go-stdio-rpc-revert';

export const descriptor = defineTarget({
  name: 'go-stdio-rpc',
  family: 'process',
  channel: 'pipe',
  description: 'Go child process speaking net/rpc (JSON codec) over its stdin/stdout, provider and consumer on one pipe (the pie pattern)',
  capabilities: { ...GO_PROCESS_CAPABILITIES, garbage: 'breaks-channel' },
  plugin: { language: 'go', sampleFile: `dist/sample-plugins/go/${BINARY}`, accepts: ['go-binary'] },
  effort: {
    files: [GO_PLUGIN_SAMPLE, 'go/src/plugbench/cmd/go-stdio-rpc-revert/main.go'],
    support: GO_EFFORT_SUPPORT.netRpc,
    buildSteps: ['go build (GOPATH mode, offline)'],
  },
  mechanism: 'net-rpc-pipe',
  availability: async () => (await import('../go-common/go-build.js')).goBinaryAvailability(BINARY),
  load: async () => ({ open: (await import('../go-common/net-rpc-connection.js')).openNetRpcPlugin(BINARY) }),
});
