"""The revert plugin as a gRPC server (Debian's python3-grpcio), on 127.0.0.1
port 0, announced by the handshake line. Serves revert.proto's RevertPlugin and
the standard grpc.health.v1 Health (Check and Watch, grpc_health.py); a call's
callbacks go to the HostCalls stream of the connection it came on
(grpc_host_calls.py); what goes into metadata is bounded (grpc_bounds.py).
Exits when stdin (the lifeline) closes.

Messages are protobuf's own (python3-protobuf), from code protoc generated out of
the .proto files (revert_pb2.py, health_pb2.py; see scripts/generate-python-proto.mjs).
The service table below is what grpc_tools would generate as *_pb2_grpc.py: a
generic handler per service, each method with its message's parser and serializer.
"""
import json
import sys
from concurrent.futures import ThreadPoolExecutor

import grpc

from plugbench_auth import grpc_server_credentials
from plugbench_dispatch import Dispatcher
from plugbench_plugin import (
    PluginError,
    exit_when_stdin_closes,
    fail_start,
    handshake_line,
    load_plugin_methods,
    refuse_unless_started_by_host,
    to_plugin_error,
    watch_parent,
)
import grpc_bounds
from grpc_health import Health
from grpc_host_calls import HostCalls
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


def typed(run, calls=None):
    """A unary handler around `run`; a failure becomes a gRPC status plus the typed error trailer.

    With `calls` (host_calls, load): the call's callbacks go to its own connection, and
    the call counts in the plugin's load, as stuck once the host gives it up while it runs.
    """

    def handler(request, context):
        key = object()
        try:
            if isinstance(request, grpc_bounds.NotDecoded):
                raise request.error()
            if calls is None:
                return run(request)
            host_calls, load = calls
            host_calls.enter(context)
            load.begin(key)
            context.add_callback(lambda: load.give_up(key))
            try:
                return run(request)
            finally:
                load.end(key)
        except BaseException as error:
            plugin_error = to_plugin_error(error)
            context.set_trailing_metadata(((ERROR_TRAILER, grpc_bounds.trailer_bytes(plugin_error)),))
            context.abort(STATUS_BY_CODE.get(plugin_error.code, grpc.StatusCode.UNKNOWN), grpc_bounds.details(plugin_error))

    return handler


def unary(run, request_type, reply_type, calls=None):
    deserialize = grpc_bounds.lenient(request_type.FromString)
    return grpc.unary_unary_rpc_method_handler(typed(run, calls), request_deserializer=deserialize, response_serializer=reply_type.SerializeToString)


def build_handlers(dispatcher, host_calls):
    def invoke(request):
        grpc_bounds.refuse_long_method_name(request.method)
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
    calls = (host_calls, dispatcher.load)
    revert_handlers = {
        "Revert": unary(revert("revert"), pb.RevertRequest, pb.RevertReply, calls),
        "RevertWithPrefix": unary(revert("revertWithPrefix"), pb.RevertRequest, pb.RevertReply, calls),
        "Invoke": unary(invoke, pb.InvokeRequest, pb.InvokeReply, calls),
        "Exit": unary(exit_plugin, pb.ExitRequest, pb.ExitReply),
        "HostCalls": grpc.stream_stream_rpc_method_handler(
            host_calls.serve, request_deserializer=pb.HostCallResult.FromString, response_serializer=pb.HostCallRequest.SerializeToString
        ),
    }
    health_handlers = Health(["", SERVICE], dispatcher.load).handlers()
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
    except Exception as error:  # a plugin that cannot load: say why in one line
        fail_start(error)
    server = grpc.server(ThreadPoolExecutor(max_workers=128, thread_name_prefix="plugbench-call"), options=NO_LIMIT)
    server.add_generic_rpc_handlers(build_handlers(dispatcher, host_calls))
    port = server.add_secure_port("127.0.0.1:0", credentials)
    server.start()
    sys.stdout.write(handshake_line("tcp", "127.0.0.1:%d" % port, "grpc"))
    sys.stdout.flush()
    server.wait_for_termination()


if __name__ == "__main__":
    main()
