// Reads an image once into a small RGBA raster that the facts, palette, hash and thumbnail stages share.
import type { Metadata, Sharp } from 'sharp';
import { loadSharp } from './natives.ts';
import { isUnsafePathError, readContainedFile } from './safe-fs.ts';
import { DEFAULT_MAX_FILE_BYTES } from './scan.ts';
import { looksLikeSvg, sanitizeSvg, SvgRefusedError } from './svg-safety.ts';
import { svgGeometry, svgSizedForRaster, type SvgGeometry } from './svg-size.ts';

/**
 * Images above this many pixels (16383², sharp's own default) are refused from their header, before
 * decoding: decompression bombs. Real posters of 16000×14000 still pass.
 */
export const MAX_INPUT_PIXELS = 268_402_689;
const MEGAPIXELS = Math.round(MAX_INPUT_PIXELS / 1e6);
export const RASTER_SIZE = 256;

export interface DecodedImage {
  metadata: Metadata;
  /** Pixel size as displayed (after EXIF orientation). */
  width: number;
  height: number;
  /** RGBA pixels, at most RASTER_SIZE on the long side. */
  raster: { data: Buffer; width: number; height: number };
}

export class ImageError extends Error {}

export function isSvgPath(path: string): boolean {
  return path.toLowerCase().endsWith('.svg');
}

/** Whether these bytes are read as an SVG (by name or by content). */
export function isSvgInput(path: string, bytes: Buffer): boolean {
  return isSvgPath(path) || looksLikeSvg(bytes);
}

/** The bytes sharp should read: a sanitised SVG, or the file as it is. */
export function safeInput(path: string, bytes: Buffer): Buffer {
  if (!isSvgInput(path, bytes)) return bytes;
  try {
    return Buffer.from(sanitizeSvg(bytes.toString('utf8')), 'utf8');
  } catch (error) {
    if (error instanceof SvgRefusedError) throw new ImageError(error.message);
    throw error;
  }
}

/**
 * A sanitised SVG set up to render `longSide` px on its long side, drawn to scale (see svg-size.ts),
 * with its size as a browser shows it; null when it has no readable root element.
 */
export function svgRenderInput(safe: Buffer, longSide: number | ((geometry: SvgGeometry) => number)): { input: Buffer; geometry: SvgGeometry } | null {
  const text = safe.toString('utf8');
  const geometry = svgGeometry(text);
  if (!geometry) return null;
  const side = typeof longSide === 'number' ? longSide : longSide(geometry);
  const scale = side / Math.max(geometry.width, geometry.height);
  const sized = svgSizedForRaster(text, geometry, Math.max(1, Math.round(geometry.width * scale)), Math.max(1, Math.round(geometry.height * scale)));
  return { input: Buffer.from(sized, 'utf8'), geometry };
}

/** sharp reads SVG lengths at 72 dpi; svgRenderInput's pixel sizes are meant at exactly that. */
export const SVG_RENDER_DENSITY = 72;

/**
 * A sharp pipeline drawing an image file's bytes upright and inside `maxSide` px: a raster at most at
 * its own size, an SVG sanitised and drawn to scale with its long side at `vectorSide(css size)`.
 */
export function renderPipeline(name: string, bytes: Buffer, maxSide: number, vectorSide: (geometry: SvgGeometry) => number): Sharp {
  const input = safeInput(name, bytes);
  const vector = isSvgInput(name, bytes) ? svgRenderInput(input, (geometry) => Math.min(maxSide, vectorSide(geometry))) : null;
  return loadSharp()(vector?.input ?? input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', density: vector ? SVG_RENDER_DENSITY : undefined })
    .autoOrient()
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true });
}

/** An indexed image's bytes, read to draw it again (never through a link out of the root); the error says why in one line. */
export async function readImageFile(root: string, relativePath: string): Promise<Buffer> {
  try {
    return await readContainedFile(root, relativePath, DEFAULT_MAX_FILE_BYTES);
  } catch (error) {
    throw new Error(`cannot read the image: ${isUnsafePathError(error) ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error))}`);
  }
}

function describeSharpError(error: unknown, stage: 'header' | 'pixels'): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  if (/unsupported image format/i.test(message)) return 'not an image (unsupported or unrecognised format)';
  if (/pixel limit/i.test(message)) return `image exceeds the ${MEGAPIXELS}-megapixel limit`;
  const detail = message && !/^unknown error$/i.test(message) ? ` (${message.replace(/:$/, '')})` : '';
  return stage === 'header' ? `corrupt image header${detail}` : `corrupt or truncated image${detail}`;
}

export async function decodeImage(path: string, bytes: Buffer): Promise<DecodedImage> {
  if (bytes.length === 0) throw new ImageError('empty file (0 bytes)');
  const sharp = loadSharp();
  const input = safeInput(path, bytes);
  // Sized before sharp sees it: librsvg alone refuses relative sizes without a viewBox ("bad dimensions").
  let vector = isSvgInput(path, bytes) ? svgRenderInput(input, 2 * RASTER_SIZE) : null;
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const };
  let metadata: Metadata;
  try {
    // Reading the header is safe at any size; the pixel limit is checked below with a clearer message.
    metadata = await sharp(vector?.input ?? input, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageError(describeSharpError(error, 'header'));
  }
  const isVector = metadata.format === 'svg';
  if (!isVector) vector = null;
  const rawWidth = vector ? Math.max(1, Math.round(vector.geometry.width)) : (metadata.width ?? 0);
  const rawHeight = vector ? Math.max(1, Math.round(vector.geometry.height)) : (metadata.height ?? 0);
  if (rawWidth <= 0 || rawHeight <= 0) throw new ImageError('image has no size');
  if (!isVector && rawWidth * rawHeight > MAX_INPUT_PIXELS) {
    throw new ImageError(`image is ${rawWidth}×${rawHeight}, over the ${MEGAPIXELS}-megapixel limit`);
  }
  const rotated = (metadata.orientation ?? 1) >= 5;
  try {
    // Vectors are rendered straight at twice the raster size, whatever their nominal size.
    const density = vector ? SVG_RENDER_DENSITY : isVector ? Math.max(1, Math.min(2400, (72 * 2 * RASTER_SIZE) / Math.max(rawWidth, rawHeight))) : undefined;
    const { data, info } = await sharp(vector?.input ?? input, { ...options, density, limitInputPixels: isVector ? false : MAX_INPUT_PIXELS })
      .rotate()
      .resize(RASTER_SIZE, RASTER_SIZE, { fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      metadata,
      width: rotated ? rawHeight : rawWidth,
      height: rotated ? rawWidth : rawHeight,
      raster: { data, width: info.width, height: info.height },
    };
  } catch (error) {
    throw new ImageError(describeSharpError(error, 'pixels'));
  }
}
