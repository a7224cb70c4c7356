/**
 * The endless-loop probe measures what a hang does; the target's descriptor declares
 * it (`capabilities.hang`). The verdict stays the measured one; the note says whether
 * the declaration held, so a descriptor that claims too much shows in the audit.
 */
import { HANG_BEHAVIOURS } from '../core/descriptor.js';
import type { Capabilities } from '../core/transport.js';
import type { IsolationOutcome } from './probes.js';

export function declaredHangNote(capabilities: Capabilities, outcome: IsolationOutcome): string {
  const { recoverable, summary } = HANG_BEHAVIOURS[capabilities.hang];
  const hostHung = outcome === 'host-hung' || outcome === 'host-crashed';
  const held = recoverable !== hostHung;
  return `declared ${capabilities.hang} (${summary})${held ? '' : ', which this run contradicts'}`;
}
