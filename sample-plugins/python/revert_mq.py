"""The revert plugin served over ZeroMQ (Debian's python3-zmq), for the mq-python target.

A ROUTER socket bound to an ephemeral loopback port; the handshake line on
stdout says which. Frames are UTF-8 JSON of plugbench's `wire` messages
(call/result, host-call/host-result, ping/pong, cancel, exit), with the id inside
pairing answers to requests. Calls run on a thread pool, so a plugin method can
block on a call back into the host while other calls go on; ZeroMQ sockets are
not thread-safe, so worker threads hand their frames to the main thread over an
inproc PUSH/PULL pair and only the main thread touches the ROUTER. The plugin
itself, the cookie check, typed errors and fault injection come from
plugbench_plugin.py, shared with the other Python targets.
"""
import json
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import zmq

from plugbench_auth import secure_router, take_plugin_secret
from plugbench_plugin import (
    Dispatcher,
    OpenCalls,
    PendingHostCalls,
    PluginError,
    exit_when_stdin_closes,
    handshake_line,
    load_plugin_methods,
    refuse_unless_started_by_host,
    to_plugin_error,
    watch_parent,
)

OUTBOX = "inproc://plugbench-outbox"
GARBAGE = b"\xff\xfe\x00{garbage"


def encode(message):
    try:
        return json.dumps(message, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escaped JSON is still valid
        return json.dumps(message).encode("ascii")


class Server:
    def __init__(self, context, secret):
        self.context = context
        self.router = context.socket(zmq.ROUTER)
        self.router.setsockopt(zmq.LINGER, 0)
        # Only a host holding the start's secret completes the CURVE handshake.
        self.authenticator = secure_router(context, self.router, secret)
        self.router.bind("tcp://127.0.0.1:0")
        self.endpoint = self.router.getsockopt_string(zmq.LAST_ENDPOINT)
        self.outbox = context.socket(zmq.PULL)
        self.outbox.bind(OUTBOX)
        self.local = threading.local()
        self.pending = PendingHostCalls()
        self.calls = OpenCalls()
        self.dispatcher = None

    def send_from_worker(self, identity, payload):
        """Worker threads send through their own PUSH socket; the main thread forwards."""
        push = getattr(self.local, "push", None)
        if push is None:
            push = self.local.push = self.context.socket(zmq.PUSH)
            push.setsockopt(zmq.LINGER, 0)
            push.connect(OUTBOX)
        push.send_multipart([identity, payload])

    def host_call(self, name, args, depth):
        """Sends a host-call to the host whose call this thread serves, and blocks until it answers."""
        peer = self.local.peer
        return self.pending.send_and_wait(
            lambda call_id: self.send_from_worker(peer, encode({"type": "host-call", "id": call_id, "name": name, "args": args, "depth": depth}))
        )

    def garbage(self):
        self.send_from_worker(self.local.peer, GARBAGE)

    def run_call(self, identity, message):
        self.local.peer = identity
        call_id = message.get("id")
        if not self.calls.is_open((identity, call_id)):
            return  # the host gave it up while it waited for a thread
        try:
            args = message.get("args")
            if not isinstance(args, list):
                raise PluginError("INVALID_INPUT", "call needs an args list")
            value = self.dispatcher.dispatch(message.get("method"), args, int(message.get("depth", 1)))
            reply = {"type": "result", "id": call_id, "ok": True, "value": value}
        except BaseException as error:  # answer every call, whatever failed
            reply = {"type": "result", "id": call_id, "ok": False, "error": to_plugin_error(error).to_json()}
        if self.calls.close((identity, call_id)):
            self.send_from_worker(identity, encode(reply))

    def settle(self, message):
        if message.get("ok"):
            self.pending.resolve(message.get("id"), message.get("value"))
        else:
            self.pending.reject(message.get("id"), PluginError.from_json(message.get("error")))

    def serve(self, pool):
        poller = zmq.Poller()
        poller.register(self.router, zmq.POLLIN)
        poller.register(self.outbox, zmq.POLLIN)
        while True:
            ready = dict(poller.poll())
            if self.outbox in ready:
                while self.outbox.poll(0):
                    self.router.send_multipart(self.outbox.recv_multipart())
            if self.router in ready:
                while self.router.poll(0):
                    self.receive(pool, self.router.recv_multipart())

    def receive(self, pool, frames):
        identity, frame = frames[0], frames[-1]
        try:
            message = json.loads(frame.decode("utf-8"))
        except ValueError as error:
            sys.stderr.write("ignoring a frame that is not UTF-8 JSON: %s\n" % error)
            return
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "call":
            self.calls.add((identity, message.get("id")))
            pool.submit(self.run_call, identity, message)
        elif kind == "cancel":
            self.calls.close((identity, message.get("id")))  # the host no longer waits for its result
        elif kind == "host-result":
            self.settle(message)
        elif kind == "ping":
            self.router.send_multipart([identity, encode({"type": "pong", "id": message.get("id")})])
        elif kind == "exit":
            try:
                self.dispatcher.dispatch("exit", [], 1)
            finally:
                os._exit(0)


def main():
    refuse_unless_started_by_host()
    secret = take_plugin_secret()
    exit_when_stdin_closes()
    watch_parent()
    server = Server(zmq.Context(), secret)
    try:
        server.dispatcher = Dispatcher(load_plugin_methods(), server.host_call, server.garbage)
    except PluginError as error:
        sys.stderr.write("%s: %s\n" % (error.code, error.message))
        sys.exit(1)
    host, port = server.endpoint[len("tcp://"):].rsplit(":", 1)
    sys.stdout.write(handshake_line("tcp", "%s:%s" % (host, port), "zmq"))
    sys.stdout.flush()
    # Threads, not asyncio: plugin methods are plain functions that block on host calls.
    server.serve(ThreadPoolExecutor(max_workers=64, thread_name_prefix="plugbench-call"))


if __name__ == "__main__":
    main()
