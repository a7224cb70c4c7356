// Generates the Python protobuf modules the gRPC plugin imports, with protoc's
// --python_out (Debian: apt-get install protobuf-compiler): revert_pb2.py from
// sample-plugins/proto/revert.proto and health_pb2.py from the standard
// grpc.health.v1 health.proto that grpc-health-check ships (the one the Node host
// loads). The output is committed; run this after changing a .proto.
// Usage: node scripts/generate-python-proto.mjs [--out DIR] (default sample-plugins/python)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { protoPath as healthProto } from 'grpc-health-check';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, 'sample-plugins', 'python'));
const PROTOS = [path.join(root, 'sample-plugins', 'proto', 'revert.proto'), healthProto];

for (const proto of PROTOS) {
  // -I the file's own folder: the module is named after the file alone (health_pb2, not health/v1/health_pb2).
  const run = spawnSync('protoc', ['-I', path.dirname(proto), `--python_out=${out}`, path.basename(proto)], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    console.error(`generate-python-proto: protoc failed on ${path.relative(root, proto)}: ${run.error?.message ?? run.stderr.trim()} (install it: apt-get install protobuf-compiler)`);
    process.exit(1);
  }
  console.log(`generate-python-proto: ${path.relative(root, path.join(out, `${path.basename(proto, '.proto')}_pb2.py`))}`);
}
