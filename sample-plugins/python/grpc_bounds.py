"""Bounds on what goes into gRPC metadata (the same as transports/grpc/metadata-bounds.ts).

Metadata travels in HTTP/2 header frames, which peers cap (gRPC's C core takes
8 KiB by default); past a peer's cap the call never completes and the connection
may go down with every call on it. So an error's status message and its typed
trailer are cut to a few KiB, with a marker saying how long the text was.
"""
import json

from plugbench_plugin import PluginError

MAX_DETAILS_BYTES = 1024
MAX_TRAILER_MESSAGE_BYTES = 2048
MAX_TRAILER_DATA_BYTES = 1024
MAX_TRAILER_BYTES = 4096
MAX_METHOD_NAME_CHARS = 1024


def _utf8_len(char):
    code = ord(char)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


def cut_text(text, max_bytes):
    """`text` if its UTF-8 form fits in max_bytes; else its first code points that fit, then `… [cut: N characters]`."""
    if len(text) * 4 <= max_bytes or len(text.encode("utf-8", "surrogatepass")) <= max_bytes:
        return text
    marker = "… [cut: %d characters]" % len(text)
    budget = max_bytes - len(marker.encode("utf-8"))
    used = 0
    end = 0
    for char in text:
        size = _utf8_len(char)
        if used + size > budget:
            break
        used += size
        end += 1
    return text[:end] + marker


def _to_bytes(wire):
    # ASCII JSON: a lone surrogate in a message travels as \ud800, never as invalid UTF-8.
    return json.dumps(wire).encode("ascii")


def trailer_bytes(error):
    """The `plugbench-error-bin` trailer for a PluginError: message cut, oversized data left out; at most MAX_TRAILER_BYTES."""
    wire = {"code": error.code, "message": cut_text(error.message, MAX_TRAILER_MESSAGE_BYTES)}
    if error.data is not None:
        data_bytes = len(_to_bytes(error.data))
        wire["data"] = error.data if data_bytes <= MAX_TRAILER_DATA_BYTES else {"cut": "data of %d bytes left out of the trailer" % data_bytes}
    encoded = _to_bytes(wire)
    if len(encoded) <= MAX_TRAILER_BYTES:
        return encoded
    return _to_bytes({"code": error.code, "message": cut_text(error.message, MAX_TRAILER_BYTES // 8), "data": {"cut": "data left out of the trailer"}})


def details(error):
    """The status message (`grpc-message`) for a PluginError."""
    return cut_text(error.message, MAX_DETAILS_BYTES)


def refuse_long_method_name(method):
    """METHOD_NOT_FOUND for a method name longer than any plugin's (the name cut in the message)."""
    if len(method) <= MAX_METHOD_NAME_CHARS:
        return
    shown = cut_text(method, 80)
    raise PluginError(
        "METHOD_NOT_FOUND",
        'no plugin has a method named "%s": method names are at most %d characters' % (shown, MAX_METHOD_NAME_CHARS),
        {"method": shown, "length": len(method)},
    )


class NotDecoded:
    """A request protobuf could not decode (a string field that is not UTF-8): the handler answers INVALID_INPUT."""

    def __init__(self, reason):
        self.reason = reason

    def error(self):
        return PluginError(
            "INVALID_INPUT",
            "the request is not a valid message: a string field is not UTF-8 (a lone surrogate sent as raw bytes?) "
            "or the bytes are not protobuf (%s): send well-formed Unicode" % cut_text(self.reason, 200),
        )


def lenient(from_string):
    """A request deserializer that turns a decode failure into NotDecoded instead of gRPC's bare INTERNAL."""

    def deserialize(data):
        try:
            return from_string(data)
        except Exception as error:  # google.protobuf.message.DecodeError, whichever implementation
            return NotDecoded(str(error) or type(error).__name__)

    return deserialize
