/**
 * The bare Python servers of the `-python` mechanisms, in one program run with
 * `python3 -c`: the Python sample plugin's revert behind a standard-library
 * JSON-RPC loop on stdin/stdout, a grpcio generic handler (over the mTLS the
 * Python gRPC plugin runs, its material in the same variable), or a pyzmq ROUTER,
 * with none of plugbench's Python runtime (no dispatcher, no call threads, no
 * cookie). The gRPC server encodes protobuf with the plugin folder's own
 * revert_pb2.py, the module generated from the .proto that the plugin uses too, so the
 * codec costs both sides alike. The network servers exit when their stdin closes.
 */
import { findPython, type PythonRequirement } from '../../../transports/python/find-python.js';
import { requirement as zeromqNeeds } from '../../../transports/mq-python/descriptor.js';
import { requirement as pipeNeeds } from '../../../transports/stdio-rpc-python/descriptor.js';
import { requirement as grpcNeeds } from '../../../transports/tcp-rpc-python/descriptor.js';
import { spawnPeer, type PeerProcess } from '../peer-process.js';

export type PythonServerMode = 'jsonrpc-pipe' | 'grpc' | 'zeromq';

const SOURCE = String.raw`
import importlib.util, json, os, sys, threading

mode, plugin_file = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.dirname(plugin_file))
spec = importlib.util.spec_from_file_location("bare_plugin", plugin_file)
plugin = importlib.util.module_from_spec(spec)
spec.loader.exec_module(plugin)
revert = plugin.revert


def exit_when_stdin_closes():
    def watch():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def announce(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def serve_jsonrpc_pipe():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        length = 0
        while True:
            line = stdin.readline()
            if not line:
                os._exit(0)
            if not line.strip():
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        request = json.loads(stdin.read(length))
        params = request["params"]
        reply = {"jsonrpc": "2.0", "id": request["id"], "result": revert(params[0] if isinstance(params, list) else params)}
        body = json.dumps(reply, ensure_ascii=False).encode("utf-8")
        stdout.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stdout.flush()


def serve_grpc():
    import grpc
    from concurrent.futures import ThreadPoolExecutor
    exit_when_stdin_closes()
    import revert_pb2
    method = grpc.unary_unary_rpc_method_handler(
        lambda request, context: revert_pb2.RevertReply(text=revert(request.text)),
        request_deserializer=revert_pb2.RevertRequest.FromString,
        response_serializer=revert_pb2.RevertReply.SerializeToString,
    )
    service = revert_pb2.DESCRIPTOR.services_by_name["RevertPlugin"].full_name
    handler = grpc.method_handlers_generic_handler(service, {"Revert": method})
    # The mTLS the plugin runs (plugbench_auth.grpc_server_credentials): its own pair, the one client admitted.
    tls = json.loads(os.environ.pop("PLUGBENCH_PLUGIN_TLS"))
    credentials = grpc.ssl_server_credentials([(tls["key"].encode(), tls["cert"].encode())], root_certificates=tls["clientCert"].encode(), require_client_auth=True)
    server = grpc.server(ThreadPoolExecutor(max_workers=4), handlers=(handler,))
    port = server.add_secure_port("127.0.0.1:0", credentials)
    server.start()
    announce({"address": "127.0.0.1:%d" % port})
    server.wait_for_termination()


def serve_zeromq():
    import zmq
    exit_when_stdin_closes()
    router = zmq.Context().socket(zmq.ROUTER)
    router.setsockopt(zmq.LINGER, 0)
    router.bind("tcp://127.0.0.1:0")
    announce({"endpoint": router.getsockopt_string(zmq.LAST_ENDPOINT)})
    while True:
        identity, frame = router.recv_multipart()
        router.send_multipart([identity, revert(frame.decode("utf-8")).encode("utf-8")])


{"jsonrpc-pipe": serve_jsonrpc_pipe, "grpc": serve_grpc, "zeromq": serve_zeromq}[mode]()
`;

/** What each mode imports beyond the standard library: what the Python target over the same library needs. */
const NEEDS: Record<PythonServerMode, PythonRequirement> = { 'jsonrpc-pipe': pipeNeeds, grpc: grpcNeeds, zeromq: zeromqNeeds };

/** Starts the bare Python server in `mode`, with the interpreter the Python targets would pick. */
export async function spawnPythonServer(mode: PythonServerMode, pluginFile: string, env?: Record<string, string>): Promise<PeerProcess> {
  const choice = await findPython(NEEDS[mode]);
  if (!choice.available) throw new Error(choice.reason);
  return spawnPeer(`python ${mode}`, choice.python, ['-c', SOURCE, mode, pluginFile], env ? { env } : {});
}
