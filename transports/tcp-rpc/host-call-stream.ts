/**
 * Plugin side of the HostCalls stream: the host opens it at connect; each
 * callback is a request with an id, answered by a result with the same id, so
 * any number of callbacks can be in flight at once.
 */
import type * as grpc from '@grpc/grpc-js';
import { PluginError } from '../../src/core/errors.js';
import type { HostCaller } from '../../src/core/plugin-dispatcher.js';
import { parseJson } from '../grpc/grpc-errors.js';
import type { HostCallRequest, HostCallResult } from '../grpc/revert-proto.js';

type HostStream = grpc.ServerDuplexStream<HostCallResult, HostCallRequest>;

export interface HostCallStream {
  hostCall: HostCaller;
  /** The HostCalls handler: adopts the stream the host opened. */
  attach(stream: HostStream): void;
}

export function createHostCallStream(): HostCallStream {
  let nextId = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let resolveStream!: (stream: HostStream) => void;
  const opened = new Promise<HostStream>((resolve) => (resolveStream = resolve));

  const failAll = (why: string) => {
    for (const waiter of waiting.values()) waiter.reject(new PluginError('HOST_ERROR', why));
    waiting.clear();
  };

  return {
    async hostCall(name, args, depth) {
      const stream = await opened;
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        stream.write({ id, name, args_json: JSON.stringify(args), depth });
      });
    },
    attach(stream) {
      stream.on('data', (result: HostCallResult) => {
        const waiter = waiting.get(result.id);
        if (!waiter) return;
        waiting.delete(result.id);
        if (result.ok) waiter.resolve(parseJson(result.value_json, 'host call result'));
        else waiter.reject(PluginError.fromJSON(parseJson(result.error_json, 'host call error')));
      });
      stream.on('error', () => failAll('the host closed the HostCalls stream'));
      stream.on('end', () => failAll('the host closed the HostCalls stream'));
      resolveStream(stream);
    },
  };
}
