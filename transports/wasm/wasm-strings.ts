/**
 * How strings cross into the WebAssembly plugin: as UTF-16 code units in its
 * linear memory. JavaScript strings are UTF-16 too, so a string is copied, never
 * transcoded: Buffer.write(…, 'utf16le') straight into the plugin's buffer, and
 * Buffer.toString('utf16le') straight out of it, through one Buffer over the
 * whole memory, made again only when the memory grows (which detaches it).
 * Every copy is counted; copies of TIMED_BYTES or more are also timed, so the
 * benchmark can tell the copy cost from the plugin's own work (a shorter copy
 * takes less time than reading the clock twice).
 */

import type { WasmMemory } from './webassembly-api.js';

/** What the plugin exports for the string buffer (see sample-plugins/assemblyscript/revert.ts). */
export interface StringBufferExports {
  memory: WasmMemory;
  ioBuffer(units: number): number;
}

/** Copies at least this long are timed. */
export const TIMED_BYTES = 4096;

/** Totals since the plugin started. */
export interface CopyCost {
  /** Strings copied into the plugin's memory, and their size in bytes. */
  copiesIn: number;
  bytesIn: number;
  /** Strings copied out of it, and their size in bytes. */
  copiesOut: number;
  bytesOut: number;
  /** Time spent in copies of TIMED_BYTES or more, in milliseconds (both directions). */
  copyMs: number;
}

export class LinearMemoryStrings {
  readonly cost: CopyCost = { copiesIn: 0, bytesIn: 0, copiesOut: 0, bytesOut: 0, copyMs: 0 };
  #view: Buffer;

  constructor(private readonly exports: StringBufferExports) {
    this.#view = Buffer.from(exports.memory.buffer);
  }

  /** Copies `text` into the plugin's buffer; returns its length in code units. */
  write(text: string): number {
    const bytes = text.length * 2;
    const began = bytes >= TIMED_BYTES ? performance.now() : 0;
    // ioBuffer may grow the memory, which detaches the old view: take it after the call.
    const pointer = this.exports.ioBuffer(text.length);
    this.#memory().write(text, pointer, bytes, 'utf16le');
    this.cost.copiesIn++;
    this.cost.bytesIn += bytes;
    if (began) this.cost.copyMs += performance.now() - began;
    return text.length;
  }

  /** Copies `units` code units out of the start of the plugin's buffer. */
  read(units: number): string {
    const bytes = units * 2;
    const began = bytes >= TIMED_BYTES ? performance.now() : 0;
    const pointer = this.exports.ioBuffer(0);
    const text = this.#memory().toString('utf16le', pointer, pointer + bytes);
    this.cost.copiesOut++;
    this.cost.bytesOut += bytes;
    if (began) this.cost.copyMs += performance.now() - began;
    return text;
  }

  /** Reads a string the plugin points at (a host function name, an abort message). */
  readAt(pointer: number, units: number): string {
    return this.#memory().toString('utf16le', pointer, pointer + units * 2);
  }

  /** The Buffer over the plugin's memory; a grown memory detached the old one (its length is then 0). */
  #memory(): Buffer {
    if (this.#view.length === 0) this.#view = Buffer.from(this.exports.memory.buffer);
    return this.#view;
  }
}

/** "copied 12 strings in (2.0 MiB) and 12 out (2.0 MiB), 1.52 ms in copies of 4 KiB or more" */
export function describeCopyCost(cost: CopyCost): string {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `copied ${cost.copiesIn} strings in (${mib(cost.bytesIn)}) and ${cost.copiesOut} out (${mib(cost.bytesOut)}), ${cost.copyMs.toFixed(2)} ms in copies of ${TIMED_BYTES / 1024} KiB or more`;
}
