/**
 * A closer guess at how wide a text is than vega's own (0.8 em per character,
 * which pads every chart with a blank margin as wide as its longest subtitle):
 * per-character widths of a common sans-serif, on the wide side (DejaVu Sans) so
 * a label never runs into its neighbour in Helvetica or Arial either.
 */

const NARROW = new Set("iljtfrI.,;:'|!()[] ");
const WIDE = new Set('mwMW@%');

function emOf(char: string): number {
  if (NARROW.has(char)) return 0.34;
  if (WIDE.has(char)) return 0.9;
  if (char >= 'A' && char <= 'Z') return 0.7;
  return 0.6;
}

/** Width in pixels of `text` at `fontSize` px, bold a little wider. */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) em += emOf(char);
  return Math.ceil(em * fontSize * (bold ? 1.08 : 1));
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/** vega's `textMetrics.width(item, text)`: the text as vega passes it, or the item's own. */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const value = String(text ?? item.text ?? '').trim();
  const size = item.fontSize ?? 11;
  const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
  return size <= 0 ? 0 : estimateTextWidth(value, size, bold);
}
