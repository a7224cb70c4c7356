"""Protobuf wire format for the few flat messages of revert.proto and the
standard health service, by hand: grpcio is all the gRPC plugin needs, with no
generated code and no protoc. Schemas map field numbers to (name, kind).
"""

STRING, INT, BOOL = "string", "int", "bool"

SCHEMAS = {
    "RevertRequest": {1: ("text", STRING), 2: ("depth", INT)},
    "RevertReply": {1: ("text", STRING)},
    "InvokeRequest": {1: ("method", STRING), 2: ("args_json", STRING), 3: ("depth", INT)},
    "InvokeReply": {1: ("value_json", STRING)},
    "ExitRequest": {},
    "ExitReply": {},
    "HostCallRequest": {1: ("id", INT), 2: ("name", STRING), 3: ("args_json", STRING), 4: ("depth", INT)},
    "HostCallResult": {1: ("id", INT), 2: ("ok", BOOL), 3: ("value_json", STRING), 4: ("error_json", STRING)},
    "HealthCheckRequest": {1: ("service", STRING)},
    "HealthCheckResponse": {1: ("status", INT)},
}

DEFAULTS = {STRING: "", INT: 0, BOOL: False}


def _varint(value):
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _read_varint(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def encode(message_type, values):
    out = bytearray()
    for number, (name, kind) in SCHEMAS[message_type].items():
        value = values.get(name, DEFAULTS[kind])
        if value == DEFAULTS[kind]:
            continue  # proto3 leaves defaults off the wire
        if kind == STRING:
            raw = value.encode("utf-8")
            out += _varint(number << 3 | 2) + _varint(len(raw)) + raw
        else:
            out += _varint(number << 3) + _varint(int(value))
    return bytes(out)


def decode(message_type, data):
    schema = SCHEMAS[message_type]
    values = {name: DEFAULTS[kind] for name, kind in schema.values()}
    pos = 0
    while pos < len(data):
        key, pos = _read_varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            raw, pos = _read_varint(data, pos)
        elif wire_type == 2:
            length, pos = _read_varint(data, pos)
            raw, pos = data[pos : pos + length], pos + length
        elif wire_type == 1:
            raw, pos = data[pos : pos + 8], pos + 8
        elif wire_type == 5:
            raw, pos = data[pos : pos + 4], pos + 4
        else:
            raise ValueError("unsupported wire type %d" % wire_type)
        if number not in schema:
            continue  # unknown fields are skipped, as protobuf does
        name, kind = schema[number]
        if kind == STRING:
            values[name] = bytes(raw).decode("utf-8")
        elif kind == BOOL:
            values[name] = bool(raw)
        else:
            values[name] = raw - (1 << 64) if raw >= 1 << 63 else raw
    return values


def serializer(message_type):
    return lambda values: encode(message_type, values)


def deserializer(message_type):
    return lambda data: decode(message_type, data)
