"""Shared plugin-side runtime for plugbench's Python plugins (standard library only).

The magic cookie check, the handshake line, the lifeline (exit when the host is
gone), typed errors, the contract's checks and the JSON codec. The dispatcher with
fault injection is in plugbench_dispatch.py. Runners for each protocol (JSON-RPC
over stdio, gRPC, ZeroMQ) build on both.
"""
import importlib.util
import json
import os
import sys
import threading
import time
from json.encoder import encode_basestring

MAGIC_COOKIE_KEY = "PLUGBENCH_PLUGIN_MAGIC_COOKIE"
MAGIC_COOKIE_VALUE = "f3b1c2d4e5a6-plugbench-revert-plugin"
NOT_BY_HAND_MESSAGE = (
    "This is a plugbench plugin: it is meant to be started by plugbench (the host), not run by hand. "
    "Try `npx plugbench demo <target>` instead."
)
NOT_BY_HAND_EXIT_CODE = 64
CRASH_EXIT_CODE = 70
CORE_PROTOCOL_VERSION = 1
APP_PROTOCOL_VERSION = 1


class PluginError(Exception):
    """An error with a code from plugbench's closed set; crosses the wire as {code, message, data}."""

    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self):
        wire = {"code": self.code, "message": self.message}
        if self.data is not None:
            wire["data"] = self.data
        return wire

    @staticmethod
    def from_json(value):
        if isinstance(value, dict) and isinstance(value.get("code"), str) and isinstance(value.get("message"), str):
            return PluginError(value["code"], value["message"], value.get("data"))
        return PluginError("PROTOCOL_ERROR", "malformed error from host: %r" % (value,))


def to_plugin_error(error, fallback="PLUGIN_ERROR"):
    return error if isinstance(error, PluginError) else PluginError(fallback, str(error) or type(error).__name__)


def assert_valid_text(value, argument="text"):
    """INVALID_INPUT unless `value` is a str of well-formed Unicode (no lone surrogate)."""
    if not isinstance(value, str):
        raise PluginError("INVALID_INPUT", "%s must be a string, got %s" % (argument, type(value).__name__))
    if value.isascii():
        return
    try:
        value.encode("utf-8")  # strict UTF-8 refuses exactly the lone surrogates, at C speed
        return
    except UnicodeEncodeError:
        pass
    for index, char in enumerate(value):
        if 0xD800 <= ord(char) <= 0xDFFF:
            raise PluginError("INVALID_INPUT", "%s is not well-formed Unicode: lone surrogate at code point %d" % (argument, index), {"index": index})


def _no_constant(name):
    raise ValueError("%s is not JSON" % name)


# One decoder and one encoder for every message: json.loads or json.dumps with an option builds a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)
# The decoder's C scanner, called directly: decode() wraps it in two Python frames and two whitespace matches.
_SCAN = _DECODER.scan_once
_ENCODE_UTF8 = json.JSONEncoder(ensure_ascii=False).encode


def encode_json(message):
    """`message` as UTF-8 JSON bytes; one with a lone surrogate (not UTF-8) as escaped ASCII JSON, still valid."""
    try:
        return _ENCODE_UTF8(message).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(message).encode("ascii")


def parse_json_text(text):
    """A JSON text (a str) as its value; ValueError if it is not JSON (NaN and Infinity included)."""
    return _DECODER.decode(text)


def encode_text_answer(template, call_id, text):
    """`template % (call_id, text as a JSON string)` as UTF-8 bytes, for the common answer (a str to an
    int id), which the encoder's walk over a reply dict costs more than the rest of; None otherwise,
    or for text with a lone surrogate (not UTF-8): encode_json() then escapes it."""
    if type(text) is str and type(call_id) is int:
        try:
            return (template % (call_id, encode_basestring(text))).encode("utf-8")
        except UnicodeEncodeError:
            pass
    return None


def decode_json(data):
    """(value, well_formed) for UTF-8 JSON bytes; bytes that are not UTF-8 decode with U+FFFD
    (well_formed False, so the caller can refuse them with an id); ValueError if not JSON."""
    try:
        text, well_formed = data.decode("utf-8"), True
    except UnicodeDecodeError:
        text, well_formed = data.decode("utf-8", errors="replace"), False
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:  # leading whitespace or no value: decode() says which, with its own error
        end = -1
    # Anything after the value (whitespace, or extra data that decode() refuses) takes decode()'s path.
    return (value if end == len(text) else _DECODER.decode(text)), well_formed


CONTRACT_TEXT_METHODS = ("revert", "revertWithPrefix")
MISSING = object()


def read_call(method, args, depth=MISSING):
    """The args and depth of a call as a peer sent them, checked as every runner does
    (docs/plugin-protocol.md, section 4): args a list, depth left out (1) or an
    integer from 1, one well-formed string for the contract's methods."""
    if not isinstance(args, list):
        raise PluginError("INVALID_INPUT", "%s needs args, the list of its arguments" % method)
    if depth is MISSING:
        depth = 1
    elif isinstance(depth, float) and depth.is_integer() and abs(depth) < 2**53:
        depth = int(depth)  # 1.0 is the number 1 in JSON, as a JavaScript peer reads it
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth < 2**53:
        raise PluginError("INVALID_INPUT", "depth must be an integer from 1, got %s" % json.dumps(depth))
    if method in CONTRACT_TEXT_METHODS:
        if len(args) != 1:
            raise PluginError("INVALID_INPUT", "%s takes exactly one argument (text), got %d" % (method, len(args)))
        assert_valid_text(args[0])
    return args, depth


def read_call_params(method, params):
    """JSON-RPC params: an object {args, depth} (positional params are refused: the arguments go in args)."""
    if not isinstance(params, dict):
        got = "none" if params is None else "an array (positional params)" if isinstance(params, list) else json.dumps(params)
        raise PluginError("INVALID_INPUT", "%s needs params {args, depth}, got %s" % (method, got))
    return read_call(method, params.get("args"), params.get("depth", MISSING))


def wrong_cookie_message(value):
    """The cookie is there but is not ours: started by the wrong host, or by hand with a typo."""
    return (
        "%s is %s, which is not this plugin's cookie: the process that started it is not a plugbench host "
        "for this protocol. A plugbench revert plugin expects %s=%s (docs/plugin-protocol.md)."
        % (MAGIC_COOKIE_KEY, json.dumps(value[:80], ensure_ascii=False), MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE)
    )


def refuse_unless_started_by_host():
    value = os.environ.get(MAGIC_COOKIE_KEY)
    if value != MAGIC_COOKIE_VALUE:
        sys.stderr.write((wrong_cookie_message(value) if value else NOT_BY_HAND_MESSAGE) + "\n")
        sys.exit(NOT_BY_HAND_EXIT_CODE)


def handshake_line(network, address, protocol):
    return "%d|%d|%s|%s|%s\n" % (CORE_PROTOCOL_VERSION, APP_PROTOCOL_VERSION, network, address, protocol)


def watch_parent():
    """Exits when the host dies, even while the main thread is busy: the parent pid changes."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(0)

    threading.Thread(target=watch, name="plugbench-lifeline", daemon=True).start()


def exit_when_stdin_closes():
    """The host holds our stdin; EOF means it is done with us or gone."""

    def watch():
        while sys.stdin.buffer.read(65536):
            pass
        os._exit(0)

    threading.Thread(target=watch, name="plugbench-stdin", daemon=True).start()


def fail_start(error):
    """One stderr line that names why the plugin cannot start, then exit 1 at once.

    os._exit, not sys.exit: a normal interpreter shutdown with the lifeline's and
    gRPC's daemon threads still running aborts ("Fatal Python error", SIGABRT),
    and the host would quote the abort instead of the reason.
    """
    typed = to_plugin_error(error, "START_FAILED")
    sys.stderr.write("%s: %s\n" % (typed.code, typed.message))
    sys.stderr.flush()
    os._exit(1)


def load_plugin_methods():
    """The plugin module named by PLUGBENCH_PLUGIN_PATH (default: revert_plugin.py here)."""
    path = os.environ.get("PLUGBENCH_PLUGIN_PATH") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "revert_plugin.py")
    spec = importlib.util.spec_from_file_location("plugbench_user_plugin", path)
    if spec is None or spec.loader is None:
        raise PluginError("START_FAILED", "cannot load plugin module %s" % path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    methods = getattr(module, "METHODS", None)
    missing = [m for m in ("revert", "exit") if not isinstance(methods, dict) or not callable(methods.get(m))]
    if missing:
        raise PluginError("START_FAILED", "%s does not meet the plugin contract: METHODS lacks %s" % (path, ", ".join(missing)))
    return methods
