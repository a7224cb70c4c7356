/**
 * Reading a vega-lite spec and its SVG the way a reader sees them: every layer
 * by name, every axis title, and the colours that carry meaning.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

type Node = Record<string, unknown>;

/** Every object in the spec that draws something (has a mark), nested concat, facet and layer included. */
export function unitSpecs(spec: unknown): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ('mark' in node) found.push(node as Node);
      for (const value of Object.values(node)) walk(value);
    }
  };
  walk(spec);
  return found;
}

/** The layer names of a spec, without the panel suffix ("strip-1" -> "strip"). */
export function layerNames(spec: unknown): Set<string> {
  return new Set(unitSpecs(spec).map((unit) => String(unit.name ?? '').replace(/-\d+$/, '')));
}

/** The quantitative x and y encodings, with their axis titles. */
export function quantitativeAxes(spec: unknown): { title: string; labelExpr?: string; format?: string }[] {
  return unitSpecs(spec).flatMap((unit) =>
    ['x', 'y']
      .map((channel) => (unit.encoding as Record<string, Node> | undefined)?.[channel])
      .filter((encoding): encoding is Node => encoding?.type === 'quantitative')
      .map((encoding) => {
        const axis = (encoding.axis ?? {}) as Node;
        return { title: String(axis.title ?? encoding.title ?? ''), ...(axis.labelExpr ? { labelExpr: String(axis.labelExpr) } : {}), ...(axis.format ? { format: String(axis.format) } : {}) };
      }),
  );
}

/** Every text node of an SVG, joined: what a reader sees on the chart. */
export function visibleText(svg: string): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number') texts.push(String(node));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) if (!key.startsWith('@_')) walk(value);
  };
  walk(new XMLParser({ ignoreAttributes: false }).parse(svg));
  return texts.join(' ');
}

export function expectValidSvg(svg: string, name: string): void {
  expect(XMLValidator.validate(svg), name).toBe(true);
  expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
}

/** The distinct colours of an SVG that are not a grey (text, axes, grid and "others" lines are grey). */
export function hues(svg: string): Set<string> {
  const colours = new Set<string>();
  for (const [, hex] of svg.matchAll(/(?:fill|stroke)="#([0-9a-f]{6}|[0-9a-f]{3})"/gi)) {
    const full = hex!.length === 3 ? [...hex!].map((c) => c + c).join('') : hex!;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
    if (Math.max(r!, g!, b!) - Math.min(r!, g!, b!) > 24) colours.add(`#${full.toLowerCase()}`);
  }
  return colours;
}
