/**
 * Seeded random strings for the differential fuzz: astral characters, combining
 * marks, ZWJ sequences, NUL, U+FEFF, right-to-left text, and (sometimes) lone
 * surrogates, from empty up to about 64 KiB of UTF-8. The same seed gives the
 * same strings, so a failure printed with its seed can be replayed
 * (PLUGBENCH_FUZZ_SEED=<seed>).
 */
import { seededRandom } from './bench-results.js';

const PIECES: ((random: () => number) => string)[] = [
  (random) => String.fromCharCode(0x20 + Math.floor(random() * 95)), // ASCII
  (random) => String.fromCodePoint(0xa0 + Math.floor(random() * 0x2000)), // Latin, Greek, Cyrillic, Hebrew, Arabic...
  (random) => String.fromCodePoint(0x4e00 + Math.floor(random() * 0x5000)), // CJK
  (random) => String.fromCodePoint(0x1f300 + Math.floor(random() * 0x300)), // emoji (astral)
  (random) => String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff)), // any astral code point
  (random) => 'e' + String.fromCodePoint(0x300 + Math.floor(random() * 0x70)), // a combining mark
  () => '👩\u200d👩\u200d👧\u200d👦', // a ZWJ sequence
  () => '👍🏽', // a skin-tone modifier
  () => '🇫🇷', // a flag: two regional indicators
  () => '\u0000',
  () => '\ufeff',
  () => '\u202e', // right-to-left override
  (random) => String.fromCharCode(Math.floor(random() * 0x20)), // control characters
];

const LONE = ['\ud800', '\udbff', '\udc00', '\udfff'];

export interface FuzzCase {
  text: string;
  /** True when the text holds a lone surrogate on purpose (the answer must be INVALID_INPUT). */
  lone: boolean;
}

/** `count` cases; about one in twelve holds a lone surrogate, one in fifty is long (up to 64 KiB). */
export function randomTexts(seed: number, count: number): FuzzCase[] {
  const random = seededRandom(seed);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const long = random() < 0.02;
    const budget = long ? 1024 + Math.floor(random() * 63 * 1024) : Math.floor(random() * 96);
    const parts: string[] = [];
    for (let bytes = 0; bytes < budget; ) {
      const piece = PIECES[Math.floor(random() * PIECES.length)]!(random);
      parts.push(piece);
      bytes += Buffer.byteLength(piece);
    }
    let text = parts.join('');
    const lone = random() < 0.08;
    if (lone) {
      const at = Math.floor(random() * (text.length + 1));
      text = text.slice(0, at) + LONE[Math.floor(random() * LONE.length)] + text.slice(at);
    }
    // Slicing at `at` may itself split a pair: what decides is the text, so `lone` is recomputed below.
    cases.push({ text, lone: reverseByCodePoint(text) === undefined });
  }
  return cases;
}

/**
 * The reference the fuzz compares with, written apart from the contract's
 * `revertText`: walks UTF-16 units, pairs surrogates by hand, and reverses the
 * code points; undefined when a surrogate has no partner.
 */
export function reverseByCodePoint(text: string): string | undefined {
  const points: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return undefined;
      points.push(text[i]! + text[i + 1]!);
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return undefined;
    } else {
      points.push(text[i]!);
    }
  }
  let reversed = '';
  for (let i = points.length - 1; i >= 0; i--) reversed += points[i];
  return reversed;
}
