/**
 * plugbench's plugin SDK (`import ... from 'plugbench/plugin'`): what a plugin
 * author and a plugin runner need, and nothing of the host. A plugin module is
 * plain functions; this gives it the contract's one input check, typed errors
 * that cross any boundary, the HostClient its methods receive, and, for those
 * who write a runner for a new channel, the dispatcher and the declared lists
 * of contract and fault methods.
 */
export { assertValidText, FAULT_METHODS, OPTIONAL_METHODS, REQUIRED_METHODS, revertText, SEED_TEXT, type FaultMethod } from '../contract.js';
export { ERROR_CODES, PluginError, serializeError, toPluginError, type ErrorCode, type SerializedError } from '../errors.js';
export { checkPluginModule, type HostClient, type PluginMethod, type PluginModule } from '../plugin-module.js';
export { createDispatcher, type Dispatch, type DispatcherOptions, type FaultActions, type HostCaller } from '../plugin-dispatcher.js';
export { createMessageRunner, type MessageRunner } from '../message-runner.js';
export { importPlugin } from '../load-plugin.js';
export { readCall, readCallParams, type CallInput } from './call-params.js';
