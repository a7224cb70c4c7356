"""The revert plugin served over ZeroMQ (Debian's python3-zmq), for the mq-python target.

A ROUTER socket bound to an ephemeral loopback port; the handshake line on
stdout says which. Frames are plugbench's ZeroMQ wire (mq_wire.py: a header
line, then the body; call/result, host-call/host-result, ping/pong, cancel,
exit), with the id in the header pairing answers to requests. A call runs on the
thread that read it and its answer goes straight out on the ROUTER; the reading
moves to a fresh thread when a call calls the host or runs long
(reader_handoff.py), so other calls go on. ZeroMQ sockets are not thread-safe:
only the reader touches the ROUTER, and a thread that is no longer the reader
hands its frames to it through its own DEALER connected to the ROUTER's inproc
end. The plugin itself, the cookie check, typed errors and fault injection come
from plugbench_plugin.py, shared with the other Python targets.
"""
import itertools
import os
import sys
import threading

import zmq

from mq_wire import check_frame, error_frame, host_call_frame, pong_frame, result_frame
from plugbench_auth import secure_router, take_plugin_secret
from plugbench_dispatch import Dispatcher, OpenCalls, PendingHostCalls
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
from reader_handoff import ReaderHandoff

OUTBOX = "inproc://plugbench-outbox"
GARBAGE = b"\xff\xfe\x00{garbage"


def read_message(socket):
    """The frames of the next message on `socket`, waiting for one: recv_multipart's loop, without its wrapper."""
    frames = [socket.recv()]
    while socket.getsockopt(zmq.RCVMORE):
        frames.append(socket.recv())
    return frames


class Server:
    def __init__(self, context, secret):
        self.context = context
        self.router = context.socket(zmq.ROUTER)
        self.router.setsockopt(zmq.LINGER, 0)
        # Only a host holding the start's secret completes the CURVE handshake.
        self.authenticator = secure_router(context, self.router, secret)
        self.router.bind("tcp://127.0.0.1:0")
        self.endpoint = self.router.getsockopt_string(zmq.LAST_ENDPOINT)
        # Threads that no longer read reach the ROUTER too, over inproc, each with a
        # DEALER whose routing id starts with this random prefix (a host cannot guess it):
        # the reader forwards their frames, so it waits on one socket, as a bare server does.
        self.outbox_prefix = b"plugbench-outbox-" + os.urandom(16).hex().encode("ascii") + b"-"
        self.outboxes = itertools.count(1)
        self.router.bind(OUTBOX)
        self.local = threading.local()
        self.pending = PendingHostCalls()
        self.calls = OpenCalls()
        self.dispatcher = None
        self.envelopes = {}
        self.dropped = 0
        self.handoff = ReaderHandoff(self.serve)

    def send_from_worker(self, identity, payload):
        """Worker threads send through their own DEALER to the ROUTER's inproc end; the reader forwards."""
        outbox = getattr(self.local, "outbox", None)
        if outbox is None:
            outbox = self.local.outbox = self.context.socket(zmq.DEALER)
            outbox.setsockopt(zmq.LINGER, 0)
            outbox.setsockopt(zmq.ROUTING_ID, self.outbox_prefix + str(next(self.outboxes)).encode("ascii"))
            outbox.connect(OUTBOX)
        outbox.send_multipart([identity, payload])

    def host_call(self, name, args, depth):
        """Sends a host-call to the host whose call this thread serves, and blocks until it answers."""
        peer = self.local.peer
        self.handoff.hand_off()
        return self.pending.send_and_wait(
            lambda call_id: self.send_from_worker(peer, host_call_frame(call_id, depth, name, args))
        )

    def garbage(self):
        self.send_from_worker(self.local.peer, GARBAGE)

    def run_call(self, identity, call):
        """Runs one call on this thread and sends its answer: on the ROUTER if this thread still reads."""
        answer, still_reader = self.handoff.run(self.answer, identity, call)
        if answer is None:
            return
        if still_reader:
            self.send(identity, answer)
        else:
            self.send_from_worker(identity, answer)

    def answer(self, identity, call):
        """The result frame of one call (id, method, args, depth), or None when the host gave it up first."""
        self.local.peer = identity
        call_id, method, args, depth = call
        key = (identity, call_id)
        try:
            # check_frame has checked method, args and depth (mq_wire.py).
            value = self.dispatcher.dispatch_tracked(key, method, args, depth)
        except BaseException as error:  # answer every call, whatever failed
            return error_frame(call_id, to_plugin_error(error)) if self.calls.close(key) else None
        return result_frame(call_id, value) if self.calls.close(key) else None

    def settle(self, message):
        if message.get("ok"):
            self.pending.resolve(message.get("id"), message.get("value"))
        else:
            self.pending.reject(message.get("id"), PluginError.from_json(message.get("error")))

    def serve(self):
        """The read loop of whichever thread reads now (ReaderHandoff).

        A blocking read of the one ROUTER: a zmq_poll over it and a separate outbox
        cost five more poll syscalls a call. Blocking is safe: the reading moves on
        only while the reader runs a call (hand_off, or the watchdog that sees a
        call running), so the old reader sees is_reader() false before it reads again.
        """
        outbox = self.outbox_prefix
        while self.handoff.is_reader():
            frames = read_message(self.router)
            if frames[0].startswith(outbox):
                self.send(frames[1], frames[2])
            else:
                self.receive(frames)

    def send(self, identity, payload):
        """Answers go back in the envelope the peer's last message came in (a REQ socket needs its empty delimiter)."""
        envelope = self.envelopes.get(identity) if self.envelopes else None
        if envelope:
            self.router.send_multipart([identity] + envelope + [payload])
        else:
            self.router.send(identity, zmq.SNDMORE)
            self.router.send(payload)

    def receive(self, frames):
        # The wire's frame is the last; what comes before it (after the identity) is the envelope.
        identity = frames[0]
        if len(frames) > 2:
            self.envelopes[identity] = frames[1:-1]
        elif self.envelopes:
            self.envelopes.pop(identity, None)
        verdict, message = check_frame(frames[-1] if len(frames) > 1 else None)
        if verdict == "call":
            self.calls.add((identity, message[0]))
            self.run_call(identity, message)
            return
        if verdict == "reply":
            self.send(identity, message)
            return
        if verdict == "drop":
            self.dropped += 1
            sys.stderr.write("dropped message #%d from peer %s: %s\n" % (self.dropped, identity.hex(), message))
            return
        kind = message["type"]
        if kind == "cancel":
            self.calls.close((identity, message.get("id")))  # the host no longer waits for its result
            self.dispatcher.load.give_up((identity, message.get("id")))  # still running: stuck
        elif kind == "host-result":
            self.settle(message)
        elif kind == "ping":
            self.send(identity, pong_frame(message["id"], self.dispatcher.load.snapshot()))
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
