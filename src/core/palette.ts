// Dominant colours of a small RGBA raster, and the colour vocabulary of the `color:` filter.

export type Rgb = readonly [number, number, number];

const MIN_SHARE = 0.03;
const MAX_COLORS = 5;
const MIN_DISTANCE = 48;

export function toHex([r, g, b]: Rgb): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

export function parseHex(hex: string): Rgb | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d).join('') : match[1]!;
  return [parseInt(digits.slice(0, 2), 16), parseInt(digits.slice(2, 4), 16), parseInt(digits.slice(4, 6), 16)];
}

export function colorDistance(a: Rgb, b: Rgb): number {
  // "Redmean" weighting: a cheap approximation of perceived distance.
  const rMean = (a[0] + b[0]) / 2;
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return Math.sqrt((2 + rMean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rMean) / 256) * db * db);
}

/** Up to five dominant colours (#rrggbb), most dominant first; transparent pixels are ignored. */
export function dominantColors(raster: { data: Buffer; width: number; height: number }): string[] {
  const bins = new Map<number, { count: number; r: number; g: number; b: number }>();
  let opaque = 0;
  const { data } = raster;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3]! < 128) continue;
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    const bin = bins.get(key) ?? { count: 0, r: 0, g: 0, b: 0 };
    bin.count++;
    bin.r += r;
    bin.g += g;
    bin.b += b;
    bins.set(key, bin);
    opaque++;
  }
  if (opaque === 0) return [];
  const ranked = [...bins.values()].sort((x, y) => y.count - x.count);
  const chosen: { color: Rgb; count: number }[] = [];
  for (const bin of ranked) {
    const color: Rgb = [bin.r / bin.count, bin.g / bin.count, bin.b / bin.count];
    const near = chosen.find((c) => colorDistance(c.color, color) < MIN_DISTANCE);
    if (near) {
      near.count += bin.count;
      continue;
    }
    chosen.push({ color, count: bin.count });
  }
  return chosen
    .filter((c) => c.count / opaque >= MIN_SHARE)
    .sort((x, y) => y.count - x.count)
    .slice(0, MAX_COLORS)
    .map((c) => toHex(c.color));
}

export const NAMED_COLORS: Readonly<Record<string, Rgb>> = {
  red: [220, 30, 30],
  orange: [245, 140, 20],
  yellow: [245, 220, 30],
  green: [40, 170, 60],
  teal: [0, 128, 128],
  cyan: [0, 200, 220],
  blue: [30, 80, 220],
  navy: [20, 30, 110],
  purple: [130, 50, 170],
  magenta: [220, 40, 180],
  pink: [245, 150, 190],
  brown: [130, 80, 40],
  beige: [225, 210, 170],
  black: [15, 15, 15],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  white: [245, 245, 245],
};

export function parseColor(text: string): Rgb | null {
  return NAMED_COLORS[text.toLowerCase()] ?? parseHex(text);
}


/** How close (redmean distance) a palette colour must be to count as a `color:` match. */
export const COLOR_MATCH_DISTANCE = 150;

export function paletteMatches(palette: readonly string[], target: Rgb): boolean {
  return palette.some((hex) => {
    const color = parseHex(hex);
    return color !== null && colorDistance(color, target) <= COLOR_MATCH_DISTANCE;
  });
}

/**
 * `paletteMatches` over a palette as stored (a JSON array of #rrggbb), read without JSON.parse or a
 * regex: the `color:` filter runs once per candidate inside SQLite, where parsing was most of its cost.
 * Anything that is not #rrggbb is skipped, as `parseHex` would refuse it.
 */
export function storedPaletteMatches(stored: string, target: Rgb): boolean {
  for (let at = stored.indexOf('#'); at >= 0 && at + 7 <= stored.length; at = stored.indexOf('#', at + 1)) {
    const r = hexByte(stored, at + 1);
    const g = hexByte(stored, at + 3);
    const b = hexByte(stored, at + 5);
    if (r < 0 || g < 0 || b < 0 || isHexDigit(stored.charCodeAt(at + 7))) continue;
    if (colorDistance([r, g, b], target) <= COLOR_MATCH_DISTANCE) return true;
  }
  return false;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

function isHexDigit(code: number): boolean {
  return hexDigit(code) >= 0;
}

function hexByte(text: string, at: number): number {
  const high = hexDigit(text.charCodeAt(at));
  const low = hexDigit(text.charCodeAt(at + 1));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

const FACET_COLORS = Object.entries(NAMED_COLORS).filter(([name]) => name !== 'grey');

/** The colour names whose `color:` filter this palette passes (grey is spelt gray); each colour parsed once. */
export function colorNamesOf(palette: readonly string[]): string[] {
  const colors = palette.map(parseHex).filter((color): color is Rgb => color !== null);
  return FACET_COLORS.filter(([, rgb]) => colors.some((color) => colorDistance(color, rgb) <= COLOR_MATCH_DISTANCE)).map(([name]) => name);
}

/** The plain colour name closest to a measured colour (grey is spelt gray), or null for a malformed hex. */
export function nearestColorName(hex: string): string | null {
  const color = parseHex(hex);
  if (!color) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const [name, rgb] of Object.entries(NAMED_COLORS)) {
    if (name === 'grey') continue;
    const distance = colorDistance(color, rgb);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
