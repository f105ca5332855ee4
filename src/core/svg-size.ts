// An SVG's size as a browser shows it (CSS units at 96 px per inch), and the same document set up to
// render at an exact pixel size with everything drawn in user units scaled, never cropped. librsvg
// alone reads physical units at sharp's 72 dpi and, when asked for another density, scales the canvas
// and the drawing differently, which crops.

/** CSS px per unit (96 px per inch). `em`/`ex` use the browser's default 16 px font. */
const PX_PER_UNIT: Record<string, number> = {
  '': 1,
  px: 1,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
  pt: 96 / 72,
  pc: 16,
  em: 16,
  rem: 16,
  ex: 8,
};

/** What a browser makes of a replaced element with no size at all. */
export const DEFAULT_SVG_WIDTH = 300;
export const DEFAULT_SVG_HEIGHT = 150;

const LENGTH = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%|[a-z]*)\s*$/i;
const ROOT_TAG = /<(?:[\w.-]+:)?svg\b[^>]*>/i;

export type ViewBox = [minX: number, minY: number, width: number, height: number];

/**
 * A length attribute in CSS px: absolute units converted, a percentage of `percentOf` (null: a
 * percentage cannot be resolved). Null when missing, unreadable, zero or negative.
 */
export function cssLength(value: string | undefined, percentOf: number | null): number | null {
  if (value === undefined) return null;
  const match = LENGTH.exec(value);
  if (!match) return null;
  const number = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  const px = unit === '%' ? (percentOf === null ? null : (number / 100) * percentOf) : PX_PER_UNIT[unit] === undefined ? null : number * PX_PER_UNIT[unit]!;
  return px !== null && Number.isFinite(px) && px > 0 ? px : null;
}

export function parseViewBox(value: string | undefined): ViewBox | null {
  if (value === undefined) return null;
  const numbers = value.trim().split(/[\s,]+/).map(Number);
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n)) || numbers[2]! <= 0 || numbers[3]! <= 0) return null;
  return numbers as ViewBox;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return match ? (match[1] ?? match[2]) : undefined;
}

export interface SvgGeometry {
  /** CSS px, as a browser lays the image out. */
  width: number;
  height: number;
  viewBox: ViewBox | null;
}

/**
 * The size a browser gives an SVG image: width and height in CSS units; percentages of the viewBox;
 * a missing side from the viewBox's aspect ratio (or the viewBox itself when both are missing);
 * without a viewBox, 300×150 for whatever is missing or relative. Null when there is no root element.
 */
export function svgGeometry(svg: string): SvgGeometry | null {
  const tag = ROOT_TAG.exec(svg)?.[0];
  if (!tag) return null;
  const viewBox = parseViewBox(attribute(tag, 'viewBox'));
  let width = cssLength(attribute(tag, 'width'), viewBox ? viewBox[2] : null);
  let height = cssLength(attribute(tag, 'height'), viewBox ? viewBox[3] : null);
  if (viewBox) {
    const ratio = viewBox[2] / viewBox[3];
    if (width === null && height === null) [width, height] = [viewBox[2], viewBox[3]];
    else if (width === null) width = height! * ratio;
    else if (height === null) height = width / ratio;
  }
  return { width: width ?? DEFAULT_SVG_WIDTH, height: height ?? DEFAULT_SVG_HEIGHT, viewBox };
}

function setAttribute(tag: string, name: string, value: string): string {
  const existing = new RegExp(`(\\s)${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (existing.test(tag)) return tag.replace(existing, `$1${name}="${value}"`);
  return tag.replace(/^<([\w.:-]+)/, `<$1 ${name}="${value}"`);
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/**
 * The document with its root sized `pixelWidth`×`pixelHeight` px and a viewBox covering what a
 * browser shows (its own, or without one the CSS size in user units, since there one user unit is one
 * px): rendered at sharp's 72 dpi it comes out exactly that size, drawn to scale.
 */
export function svgSizedForRaster(svg: string, geometry: SvgGeometry, pixelWidth: number, pixelHeight: number): string {
  const match = ROOT_TAG.exec(svg);
  if (!match) return svg;
  let tag = match[0];
  if (!geometry.viewBox) tag = setAttribute(tag, 'viewBox', `0 0 ${round(geometry.width)} ${round(geometry.height)}`);
  tag = setAttribute(setAttribute(tag, 'width', round(pixelWidth)), 'height', round(pixelHeight));
  return svg.slice(0, match.index) + tag + svg.slice(match.index + match[0].length);
}
