/**
 * The shared memory of one worker-sab worker: two single-producer,
 * single-consumer rings of UTF-16 records, one each way, each with a doorbell
 * (a counter the reader waits on), a spill counter (messages that went by
 * postMessage instead) and a flag saying whether the reader waits on the
 * doorbell. Records are Uint16 units: [length, ...body]; a length
 * of 0 tells the reader to wrap to the start. Each side keeps its own position
 * and publishes it with Atomics.store, so plain reads and writes of the record
 * happen before the other side sees the new position.
 */

/** Units (UTF-16 code units) in each ring: 64 KiB each way. */
export const RING_UNITS = 32_768;
/** The longest record a ring takes (its one-unit length header); longer messages spill. */
const MAX_RECORD_UNITS = 0xffff;

/** Up to this many units a plain loop copies faster than Buffer.write, whose call has a fixed cost. */
const SHORT_TEXT_UNITS = 128;
const WORDS_PER_RING = 5;
const WRITE = 0;
const READ = 1;
const BELL = 2;
const SPILLS = 3;
/** 1 while the reader waits on the doorbell; 0: the writer must tell it by other means (Ring.listening). */
const LISTENING = 4;
const CONTROL_BYTES = 2 * WORDS_PER_RING * Int32Array.BYTES_PER_ELEMENT;

/** Which ring: 0 carries host -> worker, 1 worker -> host. */
export type Direction = 0 | 1;
export const TO_WORKER: Direction = 0;
export const TO_HOST: Direction = 1;

/** The memory both sides map; made by the host, sent in workerData. */
export function allocateShared(): SharedArrayBuffer {
  return new SharedArrayBuffer(CONTROL_BYTES + 2 * RING_UNITS * Uint16Array.BYTES_PER_ELEMENT);
}

/** One ring as one side sees it: the writer claims and publishes, the reader peeks and releases. */
export class Ring {
  readonly data: Uint16Array;
  /** The same units as bytes, for Node's UTF-16 copies (memcpy-fast, exact for lone surrogates). */
  readonly #bytes: Buffer;
  readonly #control: Int32Array;
  #position = 0;
  #lastName = '';

  constructor(shared: SharedArrayBuffer, direction: Direction) {
    this.#control = new Int32Array(shared, direction * WORDS_PER_RING * Int32Array.BYTES_PER_ELEMENT, WORDS_PER_RING);
    const offset = CONTROL_BYTES + direction * RING_UNITS * Uint16Array.BYTES_PER_ELEMENT;
    this.data = new Uint16Array(shared, offset, RING_UNITS);
    this.#bytes = Buffer.from(shared, offset, RING_UNITS * Uint16Array.BYTES_PER_ELEMENT);
  }

  /** Copies `text` to unit `at`, one code unit each (lone surrogates too). */
  writeText(at: number, text: string): void {
    if (text.length > SHORT_TEXT_UNITS) this.#bytes.write(text, at * 2, 'utf16le');
    else for (let i = 0; i < text.length; i++) this.data[at + i] = text.charCodeAt(i);
  }

  /** The text of `units` code units at unit `at`, exactly as written. */
  readText(at: number, units: number): string {
    return this.#bytes.toString('utf16le', at * 2, (at + units) * 2);
  }

  /**
   * The text at `at`, like readText, for a short text that mostly repeats (a method
   * name): the last one read is reused while its units match, which costs a few
   * compares instead of a new string (a call's name read fresh was half its decode).
   */
  readName(at: number, units: number): string {
    const last = this.#lastName;
    if (last.length === units) {
      let i = 0;
      while (i < units && this.data[at + i] === last.charCodeAt(i)) i++;
      if (i === units) return last;
    }
    return (this.#lastName = this.readText(at, units));
  }

  /** Writer: where a record of `units` (header included) can go, or -1 when the ring has no room for it now. */
  claim(units: number): number {
    if (units > MAX_RECORD_UNITS) return -1;
    const write = this.#position;
    const read = Atomics.load(this.#control, READ);
    if (write < read) return units <= read - write - 1 ? write : -1;
    const tail = RING_UNITS - write;
    if (units < tail || (units === tail && read !== 0)) return write;
    if (units >= read) return -1;
    this.data[write] = 0;
    return 0;
  }

  /** Writer: the record that ends at `end` is complete; the reader may take it. */
  publish(end: number): void {
    this.#position = end === RING_UNITS ? 0 : end;
    Atomics.store(this.#control, WRITE, this.#position);
  }

  /** Reader: where the next record starts, or -1 when there is none. */
  peek(): number {
    const write = Atomics.load(this.#control, WRITE);
    if (this.#position === write) return -1;
    if (this.data[this.#position] === 0) this.#position = 0;
    return this.#position;
  }

  /** Reader: done with the record at `start`; its room is the writer's again. */
  release(start: number): void {
    const end = start + this.data[start]!;
    this.#position = end === RING_UNITS ? 0 : end;
    Atomics.store(this.#control, READ, this.#position);
  }

  /** The doorbell's value now: wait for it to change. */
  bell(): number {
    return Atomics.load(this.#control, BELL);
  }

  /** Wakes the reader: after a publish, or after a message went by postMessage (`spilled`). */
  ring(spilled = false): void {
    if (spilled) Atomics.add(this.#control, SPILLS, 1);
    Atomics.add(this.#control, BELL, 1);
    Atomics.notify(this.#control, BELL);
  }

  /** Reader: it waits on the doorbell from now on (true), or no longer does (false; then it takes what is already published). */
  listen(on: boolean): void {
    Atomics.store(this.#control, LISTENING, on ? 1 : 0);
  }

  /**
   * Writer, after a publish and ring: whether the reader waits on the doorbell. When it
   * does not, the writer must tell it another way. Both sides order their steps the same
   * way (the writer publishes, then reads this; the reader clears it, then takes the
   * ring), so at least one of them sees each record, and none is stranded.
   */
  listening(): boolean {
    return Atomics.load(this.#control, LISTENING) === 1;
  }

  /** How many messages went by postMessage so far. */
  spills(): number {
    return Atomics.load(this.#control, SPILLS);
  }

  /** Blocks the calling thread until the doorbell moves from `seen` or `timeoutMs` passes (the worker only). */
  waitSync(seen: number, timeoutMs: number): 'ok' | 'not-equal' | 'timed-out' {
    return Atomics.wait(this.#control, BELL, seen, timeoutMs);
  }

  /** Resolves when the doorbell moves from `seen` (at once if it has); never blocks the thread. */
  waitAsync(seen: number): Promise<unknown> | undefined {
    const waiting = Atomics.waitAsync(this.#control, BELL, seen);
    return waiting.async ? waiting.value : undefined;
  }

  /** Wakes whoever waits on this doorbell without a message (the host's own waiter, when the worker is gone). */
  wakeWaiters(): void {
    Atomics.notify(this.#control, BELL);
  }
}
