/**
 * A bare whose mechanism is its channel (post-message, shared-memory) runs the
 * floor's code plus the plugin's revert, so a bare far above its floor is a
 * thread-placement draw, and its row says so; other mechanisms never get the note.
 */
import { describe, expect, it } from 'vitest';
import { PLACEMENT_SUSPECT_RATIO, placementWarning } from '../../src/bench/mechanisms/index.js';

describe('placementWarning', () => {
  it('flags a worker bare far above its floor, and only that', () => {
    expect(placementWarning('post-message', 0.02, 0.02 * PLACEMENT_SUSPECT_RATIO)).toMatch(/^1\.5× its floor.*taskset -c N/);
    expect(placementWarning('shared-memory', 0.02, 0.05)).toMatch(/^2\.5× its floor/);
    expect(placementWarning('post-message', 0.02, 0.025)).toBeUndefined();
    expect(placementWarning('jsonrpc-pipe', 0.02, 0.2)).toBeUndefined();
    expect(placementWarning('post-message', null, 0.05)).toBeUndefined();
  });
});
