"""Plugin side of the HostCalls streams (the same rules as transports/tcp-rpc/host-call-stream.ts).

Each host connection (known by its peer address) opens one stream at connect. A
call's callbacks go to the stream of the connection the call came on, so after a
reconnect, or with two hosts, each callback reaches the host waiting for it. Every
wait is bounded: for the stream to appear (HOST_ERROR), and for the answer (the
call's own deadline, else ANSWER_WAIT_S: TIMEOUT). An answer that is not JSON fails
that one callback; a stream that closes fails the callbacks still waiting on it.
"""
import json
import queue
import threading
import time
from concurrent.futures import Future, TimeoutError as FutureTimeout

import grpc

from plugbench_plugin import PluginError
import revert_pb2

STREAM_WAIT_S = 5.0
ANSWER_WAIT_S = 60.0
POLL_S = 0.5


class _Stream:
    """One open HostCalls stream: requests to send, callbacks waiting for their answer."""

    def __init__(self):
        self.outgoing = queue.Queue()
        self.waiting = {}
        self.closed = False
        self.lock = threading.Lock()

    def send(self, call_id, name, request):
        future = Future()
        with self.lock:
            if self.closed:
                raise PluginError("HOST_ERROR", "the host closed the HostCalls stream, so the callback %s cannot reach it" % name)
            self.waiting[call_id] = (name, future)
        self.outgoing.put(request)
        return future

    def settle(self, result):
        with self.lock:
            name, future = self.waiting.pop(result.id, (None, None))
        if future is None:
            return
        text = result.value_json if result.ok else result.error_json
        try:
            value = json.loads(text or "null")
        except ValueError:
            return future.set_exception(PluginError("HOST_ERROR", "the host's answer to the callback %s is not JSON: %s" % (name, text[:80])))
        if result.ok:
            future.set_result(value)
        else:
            future.set_exception(PluginError.from_json(value))

    def forget(self, call_id):
        with self.lock:
            self.waiting.pop(call_id, None)

    def close(self):
        with self.lock:
            self.closed = True
            waiting, self.waiting = self.waiting, {}
        for name, future in waiting.values():
            future.set_exception(PluginError("HOST_ERROR", "the host closed the HostCalls stream before it answered the callback %s" % name))


class HostCalls:
    def __init__(self):
        self._streams = {}
        self._arrived = threading.Condition()
        self._next_id = 0
        self._current = threading.local()

    def enter(self, context):
        """Called on the thread that serves a call: its callbacks go to this call's connection, within its deadline."""
        remaining = context.time_remaining()
        self._current.peer = context.peer()
        self._current.deadline = time.monotonic() + (ANSWER_WAIT_S if remaining is None else min(remaining, ANSWER_WAIT_S))

    def call(self, name, args, depth):
        peer, deadline = getattr(self._current, "peer", None), getattr(self._current, "deadline", time.monotonic() + ANSWER_WAIT_S)
        stream = self._stream_of(peer, min(deadline, time.monotonic() + STREAM_WAIT_S))
        with self._arrived:
            self._next_id += 1
            call_id = self._next_id
        request = revert_pb2.HostCallRequest(id=call_id, name=name, args_json=json.dumps(args), depth=depth)
        future = stream.send(call_id, name, request)
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            stream.forget(call_id)
            raise PluginError("TIMEOUT", "the host did not answer the callback %s within the call's deadline" % name)

    def _stream_of(self, peer, until):
        with self._arrived:
            while peer not in self._streams:
                left = until - time.monotonic()
                if left <= 0:
                    raise PluginError("HOST_ERROR", "the host at %s opened no HostCalls stream in time, so this callback cannot reach it" % peer)
                self._arrived.wait(left)
            return self._streams[peer]

    def serve(self, results, context):
        """The HostCalls handler: yields requests to the host, reads its answers on a thread."""
        peer, stream = context.peer(), _Stream()
        with self._arrived:
            self._streams[peer] = stream
            self._arrived.notify_all()
        threading.Thread(target=self._read, args=(results, stream), daemon=True).start()
        try:
            while context.is_active() and not stream.closed:
                try:
                    yield stream.outgoing.get(timeout=POLL_S)
                except queue.Empty:
                    continue
        finally:
            self._drop(peer, stream)

    def _read(self, results, stream):
        try:
            for result in results:
                stream.settle(result)
        except grpc.RpcError:
            pass
        finally:
            stream.close()

    def _drop(self, peer, stream):
        stream.close()
        with self._arrived:
            if self._streams.get(peer) is stream:
                del self._streams[peer]
