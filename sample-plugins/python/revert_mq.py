"""The revert sample plugin in Python, served over ZeroMQ (Debian's python3-zmq).

A ROUTER socket bound to an ephemeral loopback port; the handshake line on
stdout tells the host where. Messages are UTF-8 JSON of plugbench's `wire`
messages (call/result, host-call/host-result, ping/pong, exit), one per frame,
with the id inside pairing answers to requests, so many calls, and the plugin's
calls back into the host, are in flight at once. Exits when stdin closes (the
host died) so it can never outlive its host.
"""
import asyncio
import json
import os
import sys
import threading

import zmq
import zmq.asyncio

CORE_PROTOCOL_VERSION = 1
APP_PROTOCOL_VERSION = 1
MAGIC_COOKIE_KEY = "PLUGBENCH_PLUGIN_MAGIC_COOKIE"
MAGIC_COOKIE_VALUE = "f3b1c2d4e5a6-plugbench-revert-plugin"
FAULTS = os.environ.get("PLUGBENCH_FAULT_INJECTION") == "1"
GARBAGE = b"\xff\xfe\x00{garbage"


class PluginError(Exception):
    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code, self.message, self.data = code, message, data

    def to_json(self):
        wire = {"code": self.code, "message": self.message}
        if self.data is not None:
            wire["data"] = self.data
        return wire


def assert_valid_text(value):
    if not isinstance(value, str):
        kind = "null" if value is None else type(value).__name__
        raise PluginError("INVALID_INPUT", f"text must be a string, got {kind}")
    for index, ch in enumerate(value):
        if 0xD800 <= ord(ch) <= 0xDFFF:
            raise PluginError("INVALID_INPUT", f"text is not well-formed Unicode: lone surrogate at code point {index}", {"index": index})


def revert(text):
    assert_valid_text(text)
    return text[::-1]  # a Python str is a sequence of code points


class Peer:
    """One connected host: its identity, and its host calls waiting for answers."""

    def __init__(self, server, identity):
        self.server, self.identity = server, identity
        self.next_id = 0
        self.waiting = {}

    def post(self, message):
        self.server.send(self.identity, json.dumps(message, ensure_ascii=False).encode("utf-8"))

    async def host_call(self, name, args, depth):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.waiting[self.next_id] = future
        self.post({"type": "host-call", "id": self.next_id, "name": name, "args": args, "depth": depth})
        return await future

    def host_result(self, message):
        future = self.waiting.pop(message.get("id"), None)
        if future is None or future.done():
            return
        if message.get("ok"):
            future.set_result(message.get("value"))
        else:
            error = message.get("error") or {}
            future.set_exception(PluginError(error.get("code", "PROTOCOL_ERROR"), error.get("message", "malformed error"), error.get("data")))


class Server:
    def __init__(self):
        self.context = zmq.asyncio.Context()
        self.socket = self.context.socket(zmq.ROUTER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.bind("tcp://127.0.0.1:0")
        self.endpoint = self.socket.getsockopt_string(zmq.LAST_ENDPOINT)
        self.peers = {}
        self.outbox = asyncio.Queue()

    def send(self, identity, payload):
        self.outbox.put_nowait([identity, payload])

    async def sender(self):
        while True:
            await self.socket.send_multipart(await self.outbox.get())

    async def serve(self):
        asyncio.get_running_loop().create_task(self.sender())
        while True:
            frames = await self.socket.recv_multipart()
            if len(frames) < 2:
                continue
            identity, frame = frames[0], frames[-1]
            peer = self.peers.setdefault(identity, Peer(self, identity))
            try:
                message = json.loads(frame.decode("utf-8"))
            except ValueError as error:
                print(f"ignoring a frame that is not UTF-8 JSON: {error}", file=sys.stderr, flush=True)
                continue
            if isinstance(message, dict):
                asyncio.get_running_loop().create_task(self.handle(peer, message))

    async def handle(self, peer, message):
        kind = message.get("type")
        if kind == "call":
            await self.answer(peer, message)
        elif kind == "host-result":
            peer.host_result(message)
        elif kind == "ping":
            peer.post({"type": "pong", "id": message.get("id")})
        elif kind == "exit":
            while not self.outbox.empty():  # answers already given still reach their host
                await asyncio.sleep(0.001)
            os._exit(0)

    async def answer(self, peer, message):
        call_id = message.get("id")
        try:
            value = await dispatch(peer, message.get("method"), message.get("args") or [], message.get("depth", 1))
            peer.post({"type": "result", "id": call_id, "ok": True, "value": value})
        except PluginError as error:
            peer.post({"type": "result", "id": call_id, "ok": False, "error": error.to_json()})
        except Exception as error:  # anything else the plugin did wrong
            peer.post({"type": "result", "id": call_id, "ok": False, "error": {"code": "PLUGIN_ERROR", "message": str(error)}})


async def revert_with_prefix(peer, args, depth):
    text = args[0] if args else None
    assert_valid_text(text)
    prefix = await peer.host_call("getConfig", ["prefix"], depth)
    return (prefix if isinstance(prefix, str) else "") + revert(text)


def hang(_peer, _args, _depth):
    while True:  # a synchronous endless loop: the whole plugin stops answering
        pass


async def stall(_peer, _args, _depth):
    await asyncio.get_running_loop().create_future()


async def sleep(_peer, args, _depth):
    await asyncio.sleep((float(args[0]) if args else 0) / 1000)
    return "slept"


def throw(_peer, args, _depth):
    raise RuntimeError(args[0] if args and isinstance(args[0], str) else "fault injected by request")


def garbage(peer, _args, _depth):
    peer.server.send(peer.identity, GARBAGE)
    return stall(peer, _args, _depth)


METHODS = {
    "revert": lambda _peer, args, _depth: revert(args[0] if args else None),
    "revertWithPrefix": revert_with_prefix,
    "exit": lambda _peer, _args, _depth: None,
}
FAULT_METHODS = {
    "fault:crash": lambda _peer, _args, _depth: os._exit(70),
    "fault:hang": hang,
    "fault:stall": stall,
    "fault:sleep": sleep,
    "fault:throw": throw,
    "fault:garbage": garbage,
}


async def dispatch(peer, method, args, depth):
    table = {**METHODS, **(FAULT_METHODS if FAULTS else {})}
    fn = table.get(method)
    if fn is None:
        raise PluginError("METHOD_NOT_FOUND", f'plugin has no method "{method}"', {"method": method})
    result = fn(peer, args, depth)
    return await result if asyncio.iscoroutine(result) else result


def exit_when_stdin_closes():
    """The host holds our stdin open; EOF means it is gone, even after a SIGKILL."""
    def watch():
        while sys.stdin.buffer.read1(65536):
            pass
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


async def main():
    server = Server()
    host, port = server.endpoint.removeprefix("tcp://").rsplit(":", 1)
    print(f"{CORE_PROTOCOL_VERSION}|{APP_PROTOCOL_VERSION}|tcp|{host}:{port}|zmq", flush=True)
    await server.serve()


if __name__ == "__main__":
    if os.environ.get(MAGIC_COOKIE_KEY) != MAGIC_COOKIE_VALUE:
        print("This is a plugbench plugin: it is meant to be started by plugbench (the host), not run by hand. "
              "Try `npx plugbench demo mq-python` instead.", file=sys.stderr)
        sys.exit(64)
    exit_when_stdin_closes()
    asyncio.run(main())
