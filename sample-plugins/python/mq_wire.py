"""What the Python mq plugin makes of one frame from a peer (the same rules as the
Node runner's transports/mq/check-frame.ts; docs/plugin-protocol.md, "What a
peer may and may not do"): a well-formed host message passes on; a malformed
one with an id that can be read (a number, or a string) is answered with a typed
error result for that id; the rest is dropped, and the caller counts and logs it.
"""
import json
import math

from plugbench_plugin import MISSING, PluginError, decode_json, read_call, to_plugin_error

NEEDS_NUMERIC_ID = ("call", "host-result", "ping", "cancel")


def error_reply(message_id, error):
    return {"type": "result", "id": message_id, "ok": False, "error": error.to_json()}


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_frame(frame):
    """("message", dict) to act on, ("reply", error result) to send, or ("drop", why)."""
    if frame is None:
        return ("drop", "a message without a frame")
    try:
        message, well_formed = decode_json(frame)
    except ValueError:
        return ("drop", "a frame that is not JSON: %s" % json.dumps(frame[:32].decode("latin-1")))
    if not isinstance(message, dict):
        return ("drop", "a frame that is not a JSON object")
    if message.get("type") == "call" and type(message.get("id")) is int:
        return _check_call(message, well_formed)  # what a host sends most: the checks below would pass it on to here
    message_id = message.get("id")
    readable = _is_number(message_id) or isinstance(message_id, str)

    def refuse(error):
        return ("reply", error_reply(message_id, error)) if readable else ("drop", error.message)

    kind = message.get("type")
    if not isinstance(kind, str) or (kind not in NEEDS_NUMERIC_ID and kind != "exit"):
        return refuse(PluginError("PROTOCOL_ERROR", "unknown message type %s: expected call, host-result, ping, cancel or exit" % json.dumps(kind)))
    if kind in NEEDS_NUMERIC_ID and not _is_number(message_id):
        return refuse(PluginError("PROTOCOL_ERROR", "a %s needs a numeric id, got %s" % (kind, json.dumps(message_id))))
    if kind == "call":
        return _check_call(message, well_formed)
    return ("message", message)


def _check_call(message, well_formed):
    message_id = message["id"]
    if not isinstance(message.get("method"), str):
        return ("reply", error_reply(message_id, PluginError("PROTOCOL_ERROR", "a call needs a method name (a string)")))
    if not well_formed:
        return ("reply", error_reply(message_id, PluginError("INVALID_INPUT", "the frame is not well-formed UTF-8 (a lone surrogate cannot be sent as UTF-8 bytes)")))
    try:
        args, depth = read_call(message["method"], message.get("args"), message.get("depth", MISSING))
    except BaseException as error:
        return ("reply", error_reply(message_id, to_plugin_error(error, "INVALID_INPUT")))
    message["args"], message["depth"] = args, depth  # the dict was just decoded: no one else holds it
    return ("message", message)
