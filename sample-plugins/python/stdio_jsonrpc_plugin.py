"""The revert plugin over JSON-RPC 2.0 on stdin/stdout (Content-Length framing,
like vscode-jsonrpc), standard library only. A request runs on the thread that
read it; the reading moves to a fresh thread when it calls the host
(`host/call`) or runs long (reader_handoff.py), so a request the host gives up
(`$/cancelRequest`) is answered CANCELLED at once; stdin EOF ends the process.
"""
import os
import sys
import threading

from plugbench_dispatch import Dispatcher, OpenCalls, PendingHostCalls
from plugbench_plugin import (
    encode_json,
    encode_text_answer,
    fail_start,
    PluginError,
    handshake_line,
    read_call_params,
    load_plugin_methods,
    refuse_unless_started_by_host,
    to_plugin_error,
    watch_parent,
)
from jsonrpc_wire import Framer, Unframable, check_body, invalid_request
from reader_handoff import ReaderHandoff

# JSON-RPC numbers for the codes that have one; the typed error rides in `data`.
NUMERIC_CODES = {"METHOD_NOT_FOUND": -32601, "INVALID_INPUT": -32602, "PROTOCOL_ERROR": -32600}
TEXT_RESULT = '{"jsonrpc":"2.0","id":%d,"result":%s}'


class Channel:
    def __init__(self, inp, out):
        self._in = inp
        self._out = out
        self._write_lock = threading.Lock()
        self._pending = PendingHostCalls()
        self.handoff = None
        self._framer = Framer(inp)
        self._dropped = 0

    def send(self, message):
        self._write(encode_json(message))

    def send_result(self, request_id, result):
        """A request's answer; a text result (every revert) is written into the frame without the encoder."""
        body = encode_text_answer(TEXT_RESULT, request_id, result)
        self._write(body if body is not None else encode_json({"jsonrpc": "2.0", "id": request_id, "result": result}))

    def _write(self, body):
        # One write: the runner runs with -u (unbuffered), so two writes would be two syscalls and two reads on the host.
        frame = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        with self._write_lock:
            self._out.write(frame)
            self._out.flush()

    def read(self):
        """The next message to act on, or None at EOF. A malformed one is answered
        here with the protocol's error (jsonrpc_wire.py) and the next one read;
        Unframable propagates when the stream can no longer be split into messages."""
        while True:
            frame = self._framer.next()
            if frame is None:
                return None
            kind, value = frame
            if kind == "bad-header":
                self.send(invalid_request(None, value))
                continue
            verdict, checked = check_body(value)
            if verdict == "message":
                return checked
            if verdict == "reply":
                self.send(checked)
            else:
                self._dropped += 1
                sys.stderr.write("plugin: dropped notification #%d: %s\n" % (self._dropped, checked))

    def host_call(self, name, args, depth):
        """Sends `host/call` and blocks this worker thread until the host answers."""
        params = {"name": name, "args": args, "depth": depth}
        self.handoff.hand_off()
        return self._pending.send_and_wait(lambda call_id: self.send({"jsonrpc": "2.0", "id": call_id, "method": "host/call", "params": params}))

    def settle(self, message):
        if "error" not in message:
            return self._pending.resolve(message.get("id"), message.get("result"))
        error = message["error"] if isinstance(message["error"], dict) else {}
        data = error.get("data")
        typed = PluginError.from_json(data) if isinstance(data, dict) else PluginError("HOST_ERROR", str(error.get("message")))
        self._pending.reject(message.get("id"), typed)


def error_response(request_id, error):
    typed = to_plugin_error(error)
    return {
        "jsonrpc": "2.0",
        "id": request_id,
        "error": {"code": NUMERIC_CODES.get(typed.code, -32603), "message": typed.message, "data": typed.to_json()},
    }


def serve(channel, dispatcher):
    requests = OpenCalls()

    def run(request):
        request_id = request["id"]
        result, failure = None, None
        try:
            args, depth = read_call_params(request["method"], request.get("params"))
            result = dispatcher.dispatch_tracked(request_id, request["method"], args, depth)
        except BaseException as error:  # answer every request, whatever failed
            failure = error
        if not requests.close(request_id):
            return  # the host gave it up and was answered CANCELLED
        try:
            if failure is None:
                channel.send_result(request_id, result)
            else:
                channel.send(error_response(request_id, failure))
        except BaseException as error:  # a result that cannot be encoded still gets an answer
            channel.send(error_response(request_id, error))

    def cancel(params):
        request_id = params.get("id") if isinstance(params, dict) else None
        dispatcher.load.give_up(request_id)  # still running: stuck
        if requests.close(request_id):
            channel.send(error_response(request_id, PluginError("CANCELLED", "the host gave the call up")))

    def read_loop():
        while handoff.is_reader():
            try:
                message = channel.read()
            except Unframable as error:
                sys.stderr.write("plugin: closing the channel: %s\n" % error)
                os._exit(3)
            if message is None:
                os._exit(0)  # the host closed our stdin: it is done with us, or gone
            if "method" not in message:
                channel.settle(message)
            elif "id" not in message:
                if message["method"] == "$/cancelRequest":
                    cancel(message.get("params"))
            elif message["method"] == "plugbench/ping":
                channel.send({"jsonrpc": "2.0", "id": message["id"], "result": dispatcher.load.snapshot()})
            else:
                requests.add(message["id"])
                handoff.run(lambda: run(message))

    handoff = channel.handoff = ReaderHandoff(read_loop)
    handoff.serve()


def main():
    refuse_unless_started_by_host()
    watch_parent()
    channel = Channel(sys.stdin.buffer, sys.stdout.buffer)

    def garbage():
        with channel._write_lock:
            sys.stdout.buffer.write(b"this is not JSON-RPC\n")
            sys.stdout.buffer.flush()

    try:
        dispatcher = Dispatcher(load_plugin_methods(), channel.host_call, garbage)
    except Exception as error:  # a plugin that cannot load: say why in one line
        fail_start(error)
    sys.stdout.buffer.write(handshake_line("stdio", "-", "jsonrpc").encode("ascii"))
    sys.stdout.buffer.flush()
    serve(channel, dispatcher)


if __name__ == "__main__":
    main()
