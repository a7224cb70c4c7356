"""What the Python JSON-RPC plugin makes of the bytes a peer sends (the same rules
as the Node runner's content-length-framer.ts and check-message.ts; see
docs/plugin-protocol.md, "What a peer may and may not do"):

- Framing: `Content-Length: N\\r\\n\\r\\n` then N bytes. A header block without a
  usable Content-Length is answered -32600 and the stream resynchronised at the
  next `Content-Length:`; bytes that cannot begin a header, or a header block
  over 8 KiB, cannot be framed (Unframable): the plugin says why and leaves.
- Bodies: not JSON -> -32700 (id null); a batch, a non-object, a wrong
  `jsonrpc`, a bad id/method/params -> -32600 (with the id where one can be
  read); bytes that are not UTF-8 -> INVALID_INPUT (-32602) with the id.
"""
import json
import math
import re

from plugbench_plugin import PluginError, decode_json

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602
MAX_HEADER_BYTES = 8192
RESYNC_AT = b"content-length:"
PARTIAL_HEADERS = re.compile(rb"^(?:[A-Za-z0-9-]+:[^\r\n]*\r\n)*(?:[A-Za-z0-9-]*|[A-Za-z0-9-]+:[^\r\n]*\r?|\r)$")
HEADER_LINE = re.compile(rb"^[A-Za-z0-9-]+:[^\r\n]*$")
# The header block every well-behaved peer sends; anything else takes the checked path.
PLAIN_HEADER = re.compile(rb"Content-Length: (\d{1,15})\r\n\r\n")


class Unframable(Exception):
    """The stream can no longer be split into messages."""

    def __init__(self, why):
        super().__init__("not JSON-RPC on the channel, the stream cannot be framed: %s" % why)


def quote(data):
    text = data.decode("latin-1")
    return json.dumps(text[:80] + "..." if len(text) > 80 else text)


def content_length(headers):
    """The body length a header block announces, or why it announces none (a str)."""
    value = None
    for line in headers.split(b"\r\n"):
        if not HEADER_LINE.match(line):
            raise Unframable("malformed header line %s" % quote(line))
        name, _, rest = line.partition(b":")
        if value is None and name.lower() == b"content-length":
            value = rest.strip()
    if value is None:
        return "header block without Content-Length: %s" % quote(headers)
    if re.fullmatch(rb"\d{1,15}", value):
        return int(value)
    return "bad Content-Length %s: it must be a decimal byte count" % quote(value)


class Framer:
    """Reads frames from a binary stream: ("body", bytes) or ("bad-header", why); None at EOF."""

    def __init__(self, stream):
        self._in = stream
        self._buf = bytearray()
        self._resync = False

    def _fill(self):
        chunk = self._in.read1(65536)
        if not chunk:
            raise EOFError()
        self._buf += chunk

    def _skip_to_next_header(self):
        while True:
            at = self._buf.lower().find(RESYNC_AT)
            if at >= 0:
                del self._buf[:at]
                self._resync = False
                return
            del self._buf[: max(0, len(self._buf) - len(RESYNC_AT))]
            self._fill()

    def _header(self):
        while True:
            end = self._buf.find(b"\r\n\r\n", 0, MAX_HEADER_BYTES + 4)
            if end >= 0:
                headers = bytes(self._buf[:end])
                del self._buf[: end + 4]
                return headers
            head = bytes(self._buf[: MAX_HEADER_BYTES + 4])
            if not PARTIAL_HEADERS.match(head):
                raise Unframable("expected a Content-Length header, got %s" % quote(head))
            if len(self._buf) > MAX_HEADER_BYTES:
                raise Unframable("header longer than %d bytes" % MAX_HEADER_BYTES)
            self._fill()

    def next(self):
        try:
            if not self._buf and not self._resync:
                chunk = self._in.read1(65536)
                if not chunk:
                    return None
                plain = PLAIN_HEADER.match(chunk)
                if plain:
                    return self._plain(chunk, plain.end(), plain.end() + int(plain.group(1)))
                self._buf += chunk
            return self._checked()
        except EOFError:
            return None

    def _plain(self, chunk, start, end):
        """The common case, a plain header at the start of a chunk: the body is the next bytes,
        whether they came in that chunk or later (vscode-jsonrpc writes the header, then the body).
        A match and a slice, where `_checked` would copy the bytes through the buffer and check
        the header line by line; what follows the body is buffered for the next frame."""
        parts, have = [chunk], len(chunk)
        while have < end:
            more = self._in.read1(65536)
            if not more:
                raise EOFError()
            parts.append(more)
            have += len(more)
        frame = chunk if len(parts) == 1 else b"".join(parts)
        if have > end:
            self._buf += frame[end:]
        return ("body", frame[start:end])

    def _checked(self):
        if self._resync:
            self._skip_to_next_header()
        length = content_length(self._header())
        if isinstance(length, str):
            self._resync = True
            return ("bad-header", length)
        while len(self._buf) < length:
            self._fill()
        body = bytes(self._buf[:length])
        del self._buf[:length]
        return ("body", body)


def error_message(request_id, code, typed):
    return {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": typed.message, "data": typed.to_json()}}


def invalid_request(request_id, why):
    return error_message(request_id, INVALID_REQUEST, PluginError("PROTOCOL_ERROR", "Invalid Request: %s" % why))


def check_body(body):
    """("message", dict) to pass on, ("reply", error response) to send, or ("drop", why)."""
    try:
        value, well_formed = decode_json(body)
    except ValueError as error:
        return ("reply", error_message(None, PARSE_ERROR, PluginError("PROTOCOL_ERROR", "Parse error: the body is not JSON (%s)" % error)))
    if isinstance(value, list):
        return ("reply", invalid_request(None, "batches are not supported: send one request per message"))
    if not isinstance(value, dict):
        return ("reply", invalid_request(None, "a message is a JSON object, got %s" % ("null" if value is None else type(value).__name__)))
    if well_formed and _is_plain_request(value):
        return ("message", value)
    return _check_object(value, well_formed)


def _is_plain_request(message):
    """A request as the host sends every call (an int id, a str method, params an object):
    what _check_object passes, in one expression instead of its walk."""
    return message.get("jsonrpc") == "2.0" and type(message.get("id")) is int and type(message.get("method")) is str and type(message.get("params")) is dict


def _is_id(value):
    return value is None or isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value))


def _answer_invalid(reply_id, why):
    return ("reply", invalid_request(reply_id, why))


def _drop_invalid(reply_id, why):
    return ("drop", why)


def _check_object(message, well_formed):
    has_id = "id" in message
    if has_id and not _is_id(message["id"]):
        return ("reply", invalid_request(None, "id must be a string, a number or null"))
    reply_id = message.get("id")
    invalid = _answer_invalid if has_id else _drop_invalid
    if message.get("jsonrpc") != "2.0":
        return invalid(reply_id, "jsonrpc must be \"2.0\", got %s" % json.dumps(message.get("jsonrpc", "nothing")))
    if "method" not in message:
        if has_id and ("result" in message or "error" in message):
            return ("message", message)
        return invalid(reply_id, "a request needs a method (a response needs result or error)")
    if not isinstance(message["method"], str):
        return invalid(reply_id, "method must be a string")
    if "params" in message and not isinstance(message["params"], (dict, list)):
        return invalid(reply_id, "params must be an object or an array")
    if has_id and reply_id is None:
        return ("reply", invalid_request(None, "a request id must be a string or a number (null is for errors)"))
    if not well_formed:
        typed = PluginError("INVALID_INPUT", "the message is not well-formed UTF-8 (a lone surrogate cannot be sent as UTF-8 bytes; escape it as \\ud800 in JSON)")
        return ("reply", error_message(reply_id, INVALID_PARAMS, typed)) if has_id else ("drop", typed.message)
    return ("message", message)
