"""The revert plugin as a gRPC server (Debian's python3-grpcio), on 127.0.0.1
port 0, announced by the handshake line. Serves revert.proto's RevertPlugin and
the standard grpc.health.v1 Health/Check; callbacks go to the host over the
HostCalls stream the host opens. Exits when stdin (the lifeline) closes.

Messages are protobuf's own (python3-protobuf), from code protoc generated out of
the .proto files (revert_pb2.py, health_pb2.py; see scripts/generate-python-proto.mjs).
The service table below is what grpc_tools would generate as *_pb2_grpc.py: a
generic handler per service, each method with its message's parser and serializer.
"""
import json
import queue
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from plugbench_auth import grpc_server_credentials
from plugbench_plugin import (
    Dispatcher,
    PendingHostCalls,
    PluginError,
    exit_when_stdin_closes,
    handshake_line,
    load_plugin_methods,
    refuse_unless_started_by_host,
    to_plugin_error,
    watch_parent,
)
import health_pb2
import revert_pb2

SERVICE = revert_pb2.DESCRIPTOR.services_by_name["RevertPlugin"].full_name
HEALTH_SERVICE = health_pb2.DESCRIPTOR.services_by_name["Health"].full_name
ERROR_TRAILER = "plugbench-error-bin"
STATUS_BY_CODE = {
    "INVALID_INPUT": grpc.StatusCode.INVALID_ARGUMENT,
    "METHOD_NOT_FOUND": grpc.StatusCode.UNIMPLEMENTED,
    "TIMEOUT": grpc.StatusCode.DEADLINE_EXCEEDED,
    "CANCELLED": grpc.StatusCode.CANCELLED,
    "HOST_FUNCTION_NOT_FOUND": grpc.StatusCode.NOT_FOUND,
    "CALL_DEPTH_EXCEEDED": grpc.StatusCode.RESOURCE_EXHAUSTED,
}
NO_LIMIT = [("grpc.max_receive_message_length", -1), ("grpc.max_send_message_length", -1)]


class HostCalls:
    """Callbacks over the host's HostCalls stream, matched to answers by id."""

    def __init__(self):
        self._outgoing = queue.Queue()
        self._pending = PendingHostCalls()

    def call(self, name, args, depth):
        args_json = json.dumps(args)
        request = lambda call_id: revert_pb2.HostCallRequest(id=call_id, name=name, args_json=args_json, depth=depth)
        return self._pending.send_and_wait(lambda call_id: self._outgoing.put(request(call_id)))

    def serve(self, results, context):
        """The HostCalls handler: yields requests to the host, reads its answers on a thread."""
        threading.Thread(target=self._read, args=(results,), daemon=True).start()
        while context.is_active():
            try:
                yield self._outgoing.get(timeout=0.5)
            except queue.Empty:
                continue

    def _read(self, results):
        try:
            for result in results:
                if result.ok:
                    self._pending.resolve(result.id, json.loads(result.value_json or "null"))
                else:
                    self._pending.reject(result.id, PluginError.from_json(json.loads(result.error_json or "null")))
        except grpc.RpcError:
            pass
        self._pending.reject_all(PluginError("HOST_ERROR", "the host closed the HostCalls stream"))


def typed(run):
    """A unary handler around `run`; a failure becomes a gRPC status plus the typed error trailer."""

    def handler(request, context):
        try:
            return run(request)
        except BaseException as error:
            plugin_error = to_plugin_error(error)
            context.set_trailing_metadata(((ERROR_TRAILER, json.dumps(plugin_error.to_json()).encode("utf-8")),))
            context.abort(STATUS_BY_CODE.get(plugin_error.code, grpc.StatusCode.UNKNOWN), plugin_error.message)

    return handler


def unary(run, request_type, reply_type):
    return grpc.unary_unary_rpc_method_handler(typed(run), request_deserializer=request_type.FromString, response_serializer=reply_type.SerializeToString)


def build_handlers(dispatcher, host_calls):
    def invoke(request):
        args = json.loads(request.args_json or "[]")
        value = dispatcher.dispatch(request.method, args if isinstance(args, list) else [], request.depth)
        return revert_pb2.InvokeReply(value_json=json.dumps(value))

    def revert(method):
        return lambda request: revert_pb2.RevertReply(text=dispatcher.dispatch(method, [request.text], request.depth))

    def exit_plugin(request):
        try:
            dispatcher.dispatch("exit", [], 1)
        except PluginError:
            pass
        return revert_pb2.ExitReply()  # the process ends when the host then closes stdin

    pb = revert_pb2
    revert_handlers = {
        "Revert": unary(revert("revert"), pb.RevertRequest, pb.RevertReply),
        "RevertWithPrefix": unary(revert("revertWithPrefix"), pb.RevertRequest, pb.RevertReply),
        "Invoke": unary(invoke, pb.InvokeRequest, pb.InvokeReply),
        "Exit": unary(exit_plugin, pb.ExitRequest, pb.ExitReply),
        "HostCalls": grpc.stream_stream_rpc_method_handler(
            host_calls.serve, request_deserializer=pb.HostCallResult.FromString, response_serializer=pb.HostCallRequest.SerializeToString
        ),
    }
    serving = lambda request: health_pb2.HealthCheckResponse(status=health_pb2.HealthCheckResponse.SERVING)
    health_handlers = {"Check": unary(serving, health_pb2.HealthCheckRequest, health_pb2.HealthCheckResponse)}
    return (
        grpc.method_handlers_generic_handler(SERVICE, revert_handlers),
        grpc.method_handlers_generic_handler(HEALTH_SERVICE, health_handlers),
    )


def main():
    refuse_unless_started_by_host()
    # mTLS: only the host's certificate is admitted; read before the plugin module loads.
    credentials = grpc_server_credentials()
    watch_parent()
    exit_when_stdin_closes()
    host_calls = HostCalls()

    def garbage():
        sys.stdout.write("garbage that is not the protocol\n")
        sys.stdout.flush()

    try:
        dispatcher = Dispatcher(load_plugin_methods(), host_calls.call, garbage)
    except PluginError as error:
        sys.stderr.write("%s: %s\n" % (error.code, error.message))
        sys.exit(1)
    server = grpc.server(ThreadPoolExecutor(max_workers=128, thread_name_prefix="plugbench-call"), options=NO_LIMIT)
    server.add_generic_rpc_handlers(build_handlers(dispatcher, host_calls))
    port = server.add_secure_port("127.0.0.1:0", credentials)
    server.start()
    sys.stdout.write(handshake_line("tcp", "127.0.0.1:%d" % port, "grpc"))
    sys.stdout.flush()
    server.wait_for_termination()


if __name__ == "__main__":
    main()
