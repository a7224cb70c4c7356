/**
 * The plugin end of a message channel: serves HostMessages with a Dispatch and
 * sends plugin->host calls back over the same channel. Used inside worker threads
 * (and any other runner that speaks the `wire` messages).
 */
import { PluginError, serializeError, toPluginError } from './errors.js';
import type { DirectDispatch, HostCaller } from './plugin-dispatcher.js';
import { isHostMessage, type HostMessage, type PluginMessage } from './wire.js';

export interface MessageRunner {
  /** Route a HostCaller through this to reach the host. */
  hostCall: HostCaller;
  /** Feed every message from the host here. */
  receive(message: unknown): void;
  /**
   * Set once the plugin is loaded; calls before that are refused. A Dispatch, or a
   * DirectDispatch whose synchronous answers are posted at once (no promise, no microtask).
   */
  attach(dispatch: DirectDispatch): void;
}

export function createMessageRunner(post: (message: PluginMessage) => void, onExit: () => void): MessageRunner {
  let dispatch: DirectDispatch | undefined;
  let nextHostCallId = 0;
  const hostCalls = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();

  const fail = (id: number, error: unknown) => post({ type: 'result', id, ok: false, error: serializeError(toPluginError(error)) });
  const handlers: { [K in HostMessage['type']]: (message: Extract<HostMessage, { type: K }>) => void } = {
    call(message) {
      const { id } = message;
      if (!dispatch) return fail(id, new PluginError('NOT_STARTED', 'plugin is still loading'));
      let answer: unknown;
      try {
        answer = dispatch(message.method, message.args, message.depth);
      } catch (error) {
        return fail(id, error);
      }
      if (!isThenable(answer)) return post({ type: 'result', id, ok: true, value: answer });
      answer.then(
        (value) => post({ type: 'result', id, ok: true, value }),
        (error: unknown) => fail(id, error),
      );
    },
    'host-result'(message) {
      const pending = hostCalls.get(message.id);
      if (!pending) return;
      hostCalls.delete(message.id);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(PluginError.fromJSON(message.error));
    },
    ping(message) {
      post({ type: 'pong', id: message.id });
    },
    // A JavaScript dispatch cannot be interrupted; the host dropped the id, so the late result is ignored there.
    cancel() {},
    exit() {
      onExit();
    },
  };

  return {
    hostCall: (name, args, depth) =>
      new Promise((resolve, reject) => {
        const id = ++nextHostCallId;
        hostCalls.set(id, { resolve, reject });
        post({ type: 'host-call', id, name, args, depth });
      }),
    receive(message) {
      if (!isHostMessage(message)) return;
      (handlers[message.type] as (m: HostMessage) => void)(message);
    },
    attach(value) {
      dispatch = value;
    },
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
