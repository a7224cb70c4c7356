/** The host end of the HostCalls stream: answers the plugin's callbacks, and opens the stream again after a reconnect. */
import type * as grpc from '@grpc/grpc-js';
import type { ConnectionHost } from '../../src/core/connection.js';
import { serializeError, toPluginError } from '../../src/core/errors.js';
import { parseJson } from './grpc-errors.js';
import type { HostCallRequest, HostCallResult } from './revert-proto.js';

/**
 * The stream the plugin sends callbacks on; each is answered on the same stream by
 * id. The plugin sends a call's callbacks on the stream of the connection the call
 * came on, so when the stream ends while the channel lives (grpc-js reconnected),
 * it is opened again, on the new connection, after a short backoff.
 */
export function openHostCalls(client: grpc.Client, host: Pick<ConnectionHost, 'hostCall'>): { cancel(): void } {
  let cancelled = false;
  let stream: grpc.ClientDuplexStream<HostCallResult, HostCallRequest>;
  let backoffMs = 50;
  let timer: NodeJS.Timeout | undefined;
  const open = () => {
    const opened = (client as any).HostCalls() as grpc.ClientDuplexStream<HostCallResult, HostCallRequest>;
    stream = opened;
    opened.on('error', () => {});
    opened.on('data', (request: HostCallRequest) => {
      backoffMs = 50;
      answerHostCall(opened, host, request);
    });
    // 'status' comes once whenever the call ends (the plugin closed it, the connection dropped).
    opened.on('status', () => {
      if (cancelled || stream !== opened) return;
      timer = setTimeout(open, backoffMs).unref();
      backoffMs = Math.min(backoffMs * 2, 2_000);
    });
  };
  open();
  return {
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
      stream.cancel();
    },
  };
}

function answerHostCall(stream: grpc.ClientDuplexStream<HostCallResult, HostCallRequest>, host: Pick<ConnectionHost, 'hostCall'>, request: HostCallRequest): void {
  const answer = (result: Omit<HostCallResult, 'id'>) => {
    if (!stream.writableEnded && !stream.destroyed) stream.write({ id: request.id, ...result });
  };
  Promise.resolve()
    .then(() => host.hostCall(request.name, parseJson(request.args_json, 'host call arguments') as unknown[], request.depth))
    .then(
      (value) => answer({ ok: true, value_json: JSON.stringify(value ?? null), error_json: '' }),
      (error: unknown) => answer({ ok: false, value_json: '', error_json: JSON.stringify(serializeError(toPluginError(error, 'HOST_ERROR'))) }),
    );
}
