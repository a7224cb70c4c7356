"""The ZeroMQ wire of the Python mq plugin (docs/plugin-protocol.md, "ZeroMQ"; the
same frames as the Node runner's transports/mq/codec.ts and check-frame.ts).

A frame is a header line `KIND ID [DEPTH NAME]`, then a line break and the body.
A call whose one argument is a string comes as `call-text` with the text as the
body, and a string result goes back as `result-text`: the common call has no
JSON to parse. Every other body is JSON.

check_frame follows "What a peer may and may not do": a well-formed call passes
on, the host's other messages too; a malformed one whose id can be read (a
decimal number in the header) is answered with a typed `error` frame for that id;
the rest is dropped, and the caller counts and logs it.
"""
import json

from plugbench_plugin import PluginError, encode_json, parse_json_text, read_call, to_plugin_error

KINDS = "call, call-text, host-result, host-error, ping, cancel or exit"
CALL_KINDS = ("call-text", "call")


def header_number(field):
    """A decimal id or depth as an int; None for anything else (signs, other digits, empty)."""
    return int(field) if field.isascii() and field.isdigit() and len(field) <= 15 else None


def result_frame(call_id, value):
    """A result: a string as UTF-8 text, None (or nothing) as null, anything else as JSON."""
    if type(value) is str:
        try:
            return b"result-text %d\n" % call_id + value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: JSON escapes it
            pass
    return b"result %d\n" % call_id + encode_json(value)


def error_frame(call_id, error):
    return b"error %s\n" % str(call_id).encode("ascii") + encode_json(error.to_json())


def host_call_frame(call_id, depth, name, args):
    if "\n" in name:
        raise PluginError("INVALID_INPUT", "a host function name cannot hold a line break on the ZeroMQ wire")
    return b"host-call %d %d %s\n" % (call_id, depth, name.encode("utf-8")) + encode_json(args)


def pong_frame(ping_id, load):
    return b"pong %d\n" % ping_id + encode_json(load)


def check_frame(frame):
    """("call", (id, method, args, depth)), ("message", dict) to act on, ("reply", frame bytes) to send, or ("drop", why)."""
    if frame and frame[:10] == b"call-text ":
        call = _well_formed_text_call(frame)
        if call is not None:
            return ("call", call)
    return _check_any_frame(frame)


def _well_formed_text_call(frame):
    """What a host sends most, read from the bytes in a few steps: (id, method, [text], depth),
    or None for anything the general path must judge (and answer)."""
    header, _, body = frame.partition(b"\n")
    fields = header.split(b" ", 3)
    if len(fields) != 4 or not fields[3] or not (fields[1].isdigit() and fields[2].isdigit() and len(fields[1]) <= 15 and len(fields[2]) <= 15):
        return None
    depth = int(fields[2])
    if depth < 1:
        return None
    try:
        # Strict UTF-8 (so no lone surrogate): the one argument read_call would pass.
        return (int(fields[1]), fields[3].decode("utf-8"), [body.decode("utf-8")], depth)
    except UnicodeDecodeError:
        return None


def _check_any_frame(frame):
    if not frame:
        return ("drop", "a message without a frame, or an empty one")
    try:
        text, well_formed = frame.decode("utf-8"), True
    except UnicodeDecodeError:
        text, well_formed = frame.decode("utf-8", errors="replace"), False
    header, _, body = text.partition("\n")
    fields = header.split(" ", 3)
    kind = fields[0]
    if kind == "exit":
        return ("message", {"type": "exit"})
    call_id = header_number(fields[1]) if len(fields) > 1 else None
    if call_id is None:
        return ("drop", "a frame without a decimal id: %s" % json.dumps(frame[:32].decode("latin-1")))
    try:
        if kind in CALL_KINDS:
            if not well_formed:
                raise PluginError("INVALID_INPUT", "the frame is not well-formed UTF-8 (a lone surrogate cannot be sent as UTF-8 bytes)")
            return ("call", _check_call(kind, call_id, fields, body))
        if not well_formed:
            raise PluginError("PROTOCOL_ERROR", "the frame is not UTF-8: %s" % json.dumps(frame[:32].decode("latin-1")))
        return ("message", _other_message(kind, call_id, body))
    except BaseException as error:
        return ("reply", error_frame(call_id, to_plugin_error(error, "PROTOCOL_ERROR")))


def _check_call(kind, call_id, fields, body):
    if len(fields) < 4 or not fields[3]:
        raise PluginError("PROTOCOL_ERROR", "a call needs a method name after its depth")
    method, depth = fields[3], header_number(fields[2])
    if depth is None or depth < 1:
        raise PluginError("INVALID_INPUT", "depth must be an integer from 1, got %s" % json.dumps(fields[2]))
    if kind == "call-text":
        # One argument, a str decoded strictly from UTF-8 (so no lone surrogate): what read_call would pass.
        return (call_id, method, [body], depth)
    args, depth = read_call(method, _parse_body(body, "a call"), depth)
    return (call_id, method, args, depth)


def _other_message(kind, message_id, body):
    """The host's messages besides calls; a host answer that cannot be read fails that callback, typed."""
    if kind in ("ping", "cancel"):
        return {"type": kind, "id": message_id}
    if kind in ("host-result", "host-error"):
        try:
            value = _parse_body(body, "a " + kind)
        except PluginError as error:
            return {"type": "host-result", "id": message_id, "ok": False, "error": error.to_json()}
        if kind == "host-result":
            return {"type": "host-result", "id": message_id, "ok": True, "value": value}
        return {"type": "host-result", "id": message_id, "ok": False, "error": value}
    raise PluginError("PROTOCOL_ERROR", "unknown frame kind %s: expected %s" % (json.dumps(kind[:32]), KINDS))


def _parse_body(body, what):
    """A JSON body (None when there is none); PROTOCOL_ERROR when it is not JSON."""
    if body == "":
        return None
    try:
        return parse_json_text(body)
    except ValueError:
        raise PluginError("PROTOCOL_ERROR", "the body of %s is not JSON: %s" % (what, json.dumps(body[:32])))
