/**
 * protobufjs decodes a string field that is not UTF-8 (a foreign client's lone
 * surrogate as `ED A0 80`) into U+FFFD without a word, so the plugin's own
 * INVALID_INPUT check never sees it. Each request whose strings hold U+FFFD has its
 * length-delimited fields checked on the raw bytes (every such field in these
 * requests is a string), and one that is not UTF-8 is marked for the handler.
 */
import { isUtf8 } from 'node:buffer';
import type * as grpc from '@grpc/grpc-js';

/** Set on a decoded request whose string fields were not UTF-8 on the wire. */
export const NOT_UTF8 = Symbol('not UTF-8');

/** `service` with the named methods' requests checked for UTF-8. */
export function withStrictStrings(service: grpc.ServiceDefinition, methods: readonly string[]): grpc.ServiceDefinition {
  const strict: Record<string, grpc.MethodDefinition<unknown, unknown>> = { ...service };
  for (const name of methods) {
    const method = service[name]!;
    strict[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        const request = method.requestDeserialize(bytes) as Record<string | symbol, unknown>;
        if (Object.values(request).some((value) => typeof value === 'string' && value.includes('\uFFFD')) && !fieldsAreUtf8(bytes)) request[NOT_UTF8] = true;
        return request;
      },
    };
  }
  return strict;
}

/** True when every top-level length-delimited field of the protobuf message `bytes` is UTF-8. */
export function fieldsAreUtf8(bytes: Buffer): boolean {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; at < bytes.length; shift += 7) {
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return value;
  };
  while (at < bytes.length) {
    const wireType = varint() % 8;
    if (wireType === 0) varint();
    else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else if (wireType === 2) {
      const length = varint();
      if (!isUtf8(bytes.subarray(at, at + length))) return false;
      at += length;
    } else return true; // groups: none in these messages; protobufjs has judged the rest
  }
  return true;
}
