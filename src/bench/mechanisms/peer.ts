/**
 * A bare mechanism, started: the library or language feature a target is built
 * on, doing the plugin's work (reverting the text with the target's own sample
 * plugin) with no plugbench code between the caller and the library. The target's
 * latency over this peer's is what plugbench's host adds.
 */
import type { Stoppable } from '../stop-list.js';

export interface BarePeer extends Stoppable {
  /** One call at a time: reverts `text` through the mechanism and resolves with the answer. */
  call(text: string): Promise<string>;
}

export interface PeerPlan {
  /** The plugin file the peer runs: the target's sample (descriptor.plugin.sampleFile), absolute. */
  pluginFile: string;
}

/** What each mechanism's module exports. */
export type StartPeer = (plan: PeerPlan) => Promise<BarePeer>;

/** The revert function of a JavaScript plugin module (the sample plugin exports it). */
export interface RevertModule {
  revert(text: string): string;
}
