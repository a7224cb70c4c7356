"""The revert plugin served over ZeroMQ (Debian's python3-zmq), for the mq-python target.

A ROUTER socket bound to an ephemeral loopback port; the handshake line on
stdout says which. Frames are UTF-8 JSON of plugbench's `wire` messages
(call/result, host-call/host-result, ping/pong, cancel, exit), with the id inside
pairing answers to requests. A call runs on the thread that read it and its
answer goes straight out on the ROUTER; the reading moves to a fresh thread when
a call calls the host or runs long (reader_handoff.py), so other calls go on.
ZeroMQ sockets are not thread-safe: only the reader touches the ROUTER, and a
thread that is no longer the reader hands its frames to it over an inproc
PUSH/PULL pair. The plugin
itself, the cookie check, typed errors and fault injection come from
plugbench_plugin.py, shared with the other Python targets.
"""
import os
import sys
import threading

import zmq

from mq_wire import check_frame
from plugbench_auth import secure_router, take_plugin_secret
from plugbench_plugin import (
    Dispatcher,
    OpenCalls,
    PendingHostCalls,
    PluginError,
    encode_json,
    exit_when_stdin_closes,
    fail_start,
    handshake_line,
    load_plugin_methods,
    refuse_unless_started_by_host,
    to_plugin_error,
    watch_parent,
)
from reader_handoff import ReaderHandoff

OUTBOX = "inproc://plugbench-outbox"
GARBAGE = b"\xff\xfe\x00{garbage"


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
        self.envelopes = {}
        self.dropped = 0
        self.handoff = ReaderHandoff(self.serve)

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
        self.handoff.hand_off()
        return self.pending.send_and_wait(
            lambda call_id: self.send_from_worker(peer, encode_json({"type": "host-call", "id": call_id, "name": name, "args": args, "depth": depth}))
        )

    def garbage(self):
        self.send_from_worker(self.local.peer, GARBAGE)

    def run_call(self, identity, message):
        """Runs one call on this thread and sends its answer: on the ROUTER if this thread still reads."""
        answer, still_reader = self.handoff.run(lambda: self.answer(identity, message))
        if answer is None:
            return
        if still_reader:
            self.send(identity, answer)
        else:
            self.send_from_worker(identity, answer)

    def answer(self, identity, message):
        """The encoded result of one call, or None when the host gave it up first."""
        self.local.peer = identity
        call_id = message.get("id")
        try:
            # check_frame has checked method, args and depth (mq_wire.py).
            value = self.dispatcher.dispatch_tracked((identity, call_id), message["method"], message["args"], message["depth"])
            reply = {"type": "result", "id": call_id, "ok": True, "value": value}
        except BaseException as error:  # answer every call, whatever failed
            reply = {"type": "result", "id": call_id, "ok": False, "error": to_plugin_error(error).to_json()}
        return encode_json(reply) if self.calls.close((identity, call_id)) else None

    def settle(self, message):
        if message.get("ok"):
            self.pending.resolve(message.get("id"), message.get("value"))
        else:
            self.pending.reject(message.get("id"), PluginError.from_json(message.get("error")))

    def serve(self):
        """The read loop of whichever thread reads now (ReaderHandoff)."""
        poller = zmq.Poller()
        poller.register(self.router, zmq.POLLIN)
        poller.register(self.outbox, zmq.POLLIN)
        while self.handoff.is_reader():
            for socket, _ in poller.poll():
                if socket is self.outbox:
                    self.drain(self.outbox, lambda frames: self.send(*frames))
                else:
                    self.drain(self.router, self.receive)

    def drain(self, socket, handle):
        """Handles every message waiting on `socket`, as long as this thread still reads."""
        while self.handoff.is_reader():
            try:
                frames = socket.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            handle(frames)

    def send(self, identity, payload):
        """Answers go back in the envelope the peer's last message came in (a REQ socket needs its empty delimiter)."""
        self.router.send_multipart([identity] + self.envelopes.get(identity, []) + [payload])

    def receive(self, frames):
        # The JSON is the last frame; what comes before it (after the identity) is the envelope.
        identity = frames[0]
        self.envelopes[identity] = frames[1:-1]
        verdict, message = check_frame(frames[-1] if len(frames) > 1 else None)
        if verdict == "reply":
            self.send(identity, encode_json(message))
            return
        if verdict == "drop":
            self.dropped += 1
            sys.stderr.write("dropped message #%d from peer %s: %s\n" % (self.dropped, identity.hex(), message))
            return
        kind = message["type"]
        if kind == "call":
            self.calls.add((identity, message.get("id")))
            self.run_call(identity, message)
        elif kind == "cancel":
            self.calls.close((identity, message.get("id")))  # the host no longer waits for its result
            self.dispatcher.load.give_up((identity, message.get("id")))  # still running: stuck
        elif kind == "host-result":
            self.settle(message)
        elif kind == "ping":
            self.send(identity, encode_json({"type": "pong", "id": message["id"], "load": self.dispatcher.load.snapshot()}))
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
    except Exception as error:  # a plugin that cannot load: say why in one line
        fail_start(error)
    host, port = server.endpoint[len("tcp://"):].rsplit(":", 1)
    sys.stdout.write(handshake_line("tcp", "%s:%s" % (host, port), "zmq"))
    sys.stdout.flush()
    # Threads, not asyncio: plugin methods are plain functions that block on host calls.
    server.handoff.serve()


if __name__ == "__main__":
    main()
