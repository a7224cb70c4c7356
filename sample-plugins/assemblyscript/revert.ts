// The revert plugin in AssemblyScript, compiled to revert.wasm by `npm run build:wasm`.
//
// Strings cross the boundary through linear memory as UTF-16 code units (the
// encoding of both JavaScript and AssemblyScript strings, so nothing is
// transcoded): the host asks ioBuffer(units) for room, writes the text there,
// calls a method with the number of units, and reads the answer back from the
// same buffer. A method returns:
//   n >= 0   done: the answer is the first n units of the buffer
//   -1       PENDING: waiting for the host function it called (see resume)
//   -2 - n   failed: the buffer holds n units of "CODE: message"

@external("host", "call")
declare function hostCall(call: i32, name: usize, nameUnits: i32, arg: usize, argUnits: i32): void;

const PENDING: i32 = -1;

let io = new StaticArray<u16>(1024);

/** Room for `units` code units; returns where they go (the buffer moves when it grows). */
export function ioBuffer(units: i32): usize {
  if (units > io.length) io = new StaticArray<u16>(max(units, io.length << 1));
  return changetype<usize>(io);
}

/** Reverses `units` code units of the buffer by code point, in place. */
export function revert(units: i32): i32 {
  const bad = findLoneSurrogate(0, units);
  if (bad >= 0) return fail("INVALID_INPUT", "text is not well-formed Unicode: lone surrogate at index " + bad.toString());
  reverseInPlace(0, units);
  return units;
}

/** Texts waiting for the host's prefix, by call id. */
const waiting = new Map<i32, string>();

/** Asks the host for getConfig("prefix"); the answer arrives through resume(). */
export function revertWithPrefix(call: i32, units: i32): i32 {
  const bad = findLoneSurrogate(0, units);
  if (bad >= 0) return fail("INVALID_INPUT", "text is not well-formed Unicode: lone surrogate at index " + bad.toString());
  waiting.set(call, String.UTF16.decodeUnsafe(changetype<usize>(io), <usize>units << 1));
  const name = "getConfig";
  const key = "prefix";
  hostCall(call, changetype<usize>(name), name.length, changetype<usize>(key), key.length);
  return PENDING;
}

/**
 * The host's answer to the call's host function: with ok, `units` of text in the
 * buffer (-1 for null); without, "CODE: message", which the plugin passes on
 * with its code.
 */
export function resume(call: i32, ok: i32, units: i32): i32 {
  if (!waiting.has(call)) return fail("PLUGIN_ERROR", "no call " + call.toString() + " is waiting for the host");
  const text = waiting.get(call);
  waiting.delete(call);
  if (!ok) return -2 - units;
  const prefix = units < 0 ? "" : String.UTF16.decodeUnsafe(changetype<usize>(io), <usize>units << 1);
  const length = put(prefix + text);
  reverseInPlace(prefix.length, text.length);
  return length;
}

/** The host gave up on a call (timeout, stop): drop what it was waiting with. */
export function forget(call: i32): void {
  waiting.delete(call);
}

export function exit(): void {
  waiting.clear();
}

/** fault:hang: an endless loop nothing on the host's thread can interrupt. */
export function hang(): void {
  while (true) {}
}

/** fault:throw: aborts, which reaches the host through the abort import. */
export function throwFault(): void {
  throw new Error("fault injected by request");
}

function reverseInPlace(start: i32, units: i32): void {
  let i = start;
  let j = start + units - 1;
  while (i < j) {
    const unit = unchecked(io[i]);
    unchecked((io[i] = io[j]));
    unchecked((io[j] = unit));
    i++;
    j--;
  }
  // Reversing code units turned each surrogate pair into low, high: put it back.
  for (let k = start; k < start + units - 1; k++) {
    const low = unchecked(io[k]);
    const high = unchecked(io[k + 1]);
    if (low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff) {
      unchecked((io[k] = high));
      unchecked((io[k + 1] = low));
      k++;
    }
  }
}

function findLoneSurrogate(start: i32, units: i32): i32 {
  for (let k = start; k < start + units; k++) {
    const unit = unchecked(io[k]);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (k + 1 < start + units) {
        const next = unchecked(io[k + 1]);
        if (next >= 0xdc00 && next <= 0xdfff) {
          k++;
          continue;
        }
      }
      return k;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return k;
  }
  return -1;
}

/** Writes `text` at the start of the buffer; returns its length in units. */
function put(text: string): i32 {
  const units = text.length;
  ioBuffer(units);
  memory.copy(changetype<usize>(io), changetype<usize>(text), <usize>units << 1);
  return units;
}

function fail(code: string, message: string): i32 {
  return -2 - put(code + ": " + message);
}
