/**
 * The Reverter service of the Node go-plugin plugin: a JavaScript plugin
 * module behind the same gRPC service the Go plugin serves, its callbacks
 * through the broker id each call names.
 */
import type * as grpc from '@grpc/grpc-js';
import { createDispatcher, type Dispatch } from '../../src/core/plugin-dispatcher.js';
import type { PluginModule } from '../../src/core/plugin-module.js';
import { parseJson, toServiceError } from '../grpc/grpc-errors.js';
import { CRASH_EXIT_CODE } from '../process/node-runner.js';
import type { PluginBroker } from './node-plugin-broker.js';

interface TextRequest {
  text: string;
  depth: number;
  host_broker_id: number;
}
interface InvokeRequest {
  method: string;
  args_json: string;
  depth: number;
  host_broker_id: number;
}

type Handler<Req> = (call: grpc.ServerUnaryCall<Req, unknown>, callback: grpc.sendUnaryData<unknown>) => void;

function unary<Req>(run: (request: Req) => Promise<unknown>): Handler<Req> {
  return (call, callback) => {
    run(call.request).then(
      (reply) => callback(null, reply),
      (error: unknown) => callback(toServiceError(error)),
    );
  };
}

export function reverterService(plugin: PluginModule, broker: PluginBroker, faultInjection: boolean): grpc.UntypedServiceImplementation {
  const dispatchers = new Map<number, Dispatch>();
  // One dispatcher per broker id: its host calls reach the host that id names.
  const dispatchFor = (id: number): Dispatch => {
    let dispatch = dispatchers.get(id);
    if (!dispatch) {
      dispatch = createDispatcher(plugin, { hostCall: broker.hostCaller(id), faultInjection, faults: { crash: () => process.exit(CRASH_EXIT_CODE) } });
      dispatchers.set(id, dispatch);
      // Hosts that broker a fresh id per call (go-plugin's AcceptAndServe) would grow this without bound.
      if (dispatchers.size > 64) dispatchers.delete(dispatchers.keys().next().value as number);
    }
    return dispatch;
  };
  const text = (method: string) => unary(async ({ text, depth, host_broker_id }: TextRequest) => ({ text: await dispatchFor(host_broker_id)(method, [text], depth) }));
  return {
    Revert: text('revert'),
    RevertWithPrefix: text('revertWithPrefix'),
    Invoke: unary(async ({ method, args_json, depth, host_broker_id }: InvokeRequest) => {
      const args = parseJson(args_json, 'arguments');
      const value = await dispatchFor(host_broker_id)(method, Array.isArray(args) ? args : [], depth);
      return { value_json: JSON.stringify(value ?? null) };
    }),
  };
}
