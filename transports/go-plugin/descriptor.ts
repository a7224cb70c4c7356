/** The go-plugin target's facts, declared once; `load()` brings the transport's code. */
import { defineTarget } from '../../src/core/descriptor.js';
import { GO_EFFORT_SUPPORT, GO_PLUGIN_SAMPLE, GO_PROCESS_CAPABILITIES } from '../go-common/facts.js';

const BINARY = 'go-plugin-revert';

export const descriptor = defineTarget({
  name: 'go-plugin',
  family: 'process',
  channel: 'unix',
  description: 'Go plugin built with hashicorp/go-plugin (gRPC on a private Unix socket), spoken to with go-plugin\'s own client protocol',
  capabilities: { ...GO_PROCESS_CAPABILITIES, garbage: 'logged-as-output' },
  plugin: { language: 'go', sampleFile: `dist/sample-plugins/go/${BINARY}`, accepts: ['go-binary'] },
  effort: {
    files: [GO_PLUGIN_SAMPLE, 'go/src/plugbench/cmd/go-plugin-revert/main.go'],
    support: GO_EFFORT_SUPPORT.goPlugin,
    schema: ['go/src/plugbench/shared/proto/reverter.proto'],
    buildSteps: ['go build (GOPATH mode, offline)', 'protoc + protoc-gen-go (only when the .proto changes; the .pb.go is committed)'],
  },
  mechanism: 'go-plugin-grpc',
  availability: async () => (await import('../go-common/go-build.js')).goBinaryAvailability(BINARY),
  load: () => import('./index.js'),
});
