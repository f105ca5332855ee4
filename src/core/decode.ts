// Reads an image once into a small RGBA raster that the facts, palette, hash and thumbnail stages share.
import type { Metadata } from 'sharp';
import { loadSharp } from './natives.ts';
import { looksLikeSvg, sanitizeSvg } from './svg-safety.ts';

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

function isSvgPath(path: string): boolean {
  return path.toLowerCase().endsWith('.svg');
}

/** The bytes sharp should read: a sanitised SVG, or the file as it is. */
export function safeInput(path: string, bytes: Buffer): Buffer {
  if (isSvgPath(path) || looksLikeSvg(bytes)) return Buffer.from(sanitizeSvg(bytes.toString('utf8')), 'utf8');
  return bytes;
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
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const };
  let metadata: Metadata;
  try {
    // Reading the header is safe at any size; the pixel limit is checked below with a clearer message.
    metadata = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageError(describeSharpError(error, 'header'));
  }
  const rawWidth = metadata.width ?? 0;
  const rawHeight = metadata.height ?? 0;
  if (rawWidth <= 0 || rawHeight <= 0) throw new ImageError('image has no size');
  const isVector = metadata.format === 'svg';
  if (!isVector && rawWidth * rawHeight > MAX_INPUT_PIXELS) {
    throw new ImageError(`image is ${rawWidth}×${rawHeight}, over the ${MEGAPIXELS}-megapixel limit`);
  }
  const rotated = (metadata.orientation ?? 1) >= 5;
  try {
    // Vectors are rendered straight at about twice the raster size, whatever their nominal size.
    const density = isVector ? Math.max(1, Math.min(2400, (72 * 2 * RASTER_SIZE) / Math.max(rawWidth, rawHeight))) : undefined;
    const { data, info } = await sharp(input, { ...options, density, limitInputPixels: isVector ? false : MAX_INPUT_PIXELS })
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
