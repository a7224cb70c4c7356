/**
 * How strings cross into the WebAssembly plugin: as UTF-16 code units in its
 * linear memory. JavaScript strings are UTF-16 too, so a string is copied, never
 * transcoded: Buffer.write(…, 'utf16le') straight into the plugin's buffer, and
 * Buffer.toString('utf16le') straight out of it. The copies are timed, so the
 * benchmark can tell the copy cost from the plugin's own work.
 */

import type { WasmMemory } from './webassembly-api.js';

/** What the plugin exports for the string buffer (see sample-plugins/assemblyscript/revert.ts). */
export interface StringBufferExports {
  memory: WasmMemory;
  ioBuffer(units: number): number;
}

/** Totals since the plugin started. */
export interface CopyCost {
  /** Strings copied into the plugin's memory, and their size in bytes. */
  copiesIn: number;
  bytesIn: number;
  /** Strings copied out of it, and their size in bytes. */
  copiesOut: number;
  bytesOut: number;
  /** Time spent copying, in milliseconds (both directions). */
  copyMs: number;
}

export class LinearMemoryStrings {
  readonly cost: CopyCost = { copiesIn: 0, bytesIn: 0, copiesOut: 0, bytesOut: 0, copyMs: 0 };

  constructor(private readonly exports: StringBufferExports) {}

  /** Copies `text` into the plugin's buffer; returns its length in code units. */
  write(text: string): number {
    const began = performance.now();
    // ioBuffer may grow the memory, which detaches the old ArrayBuffer: take memory.buffer after it.
    const pointer = this.exports.ioBuffer(text.length);
    const bytes = Buffer.from(this.exports.memory.buffer, pointer, text.length * 2).write(text, 'utf16le');
    this.cost.copiesIn++;
    this.cost.bytesIn += bytes;
    this.cost.copyMs += performance.now() - began;
    return text.length;
  }

  /** Copies `units` code units out of the start of the plugin's buffer. */
  read(units: number): string {
    const began = performance.now();
    const pointer = this.exports.ioBuffer(0);
    const text = Buffer.from(this.exports.memory.buffer, pointer, units * 2).toString('utf16le');
    this.cost.copiesOut++;
    this.cost.bytesOut += units * 2;
    this.cost.copyMs += performance.now() - began;
    return text;
  }

  /** Reads a string the plugin points at (a host function name, an abort message). */
  readAt(pointer: number, units: number): string {
    return Buffer.from(this.exports.memory.buffer, pointer, units * 2).toString('utf16le');
  }
}

/** "copied 12 strings in (2.0 MiB) and 12 out (2.0 MiB), 1.52 ms copying" */
export function describeCopyCost(cost: CopyCost): string {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `copied ${cost.copiesIn} strings in (${mib(cost.bytesIn)}) and ${cost.copiesOut} out (${mib(cost.bytesOut)}), ${cost.copyMs.toFixed(2)} ms copying`;
}
