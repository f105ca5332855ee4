// Stage 3: local facts from the pixels: size, format, alpha, orientation, palette, perceptual hash.
import type { ImageFacts } from './types.ts';
import type { DecodedImage } from './decode.ts';
import { loadSharp } from './natives.ts';
import { dominantColors } from './palette.ts';

export function orientationOf(width: number, height: number): ImageFacts['orientation'] {
  const ratio = width / height;
  if (ratio > 1.05) return 'landscape';
  if (ratio < 1 / 1.05) return 'portrait';
  return 'square';
}

/** 64-bit difference hash (dHash) of the image flattened on white, as 16 hex digits. */
export async function differenceHash(image: DecodedImage): Promise<string> {
  const { data, width, height } = image.raster;
  const pixels = await loadSharp()(data, { raw: { width, height, channels: 4 } })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(9, 8, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  let bits = 0n;
  for (let row = 0; row < 8; row++) {
    for (let column = 0; column < 8; column++) {
      const left = pixels[row * 9 + column]!;
      const right = pixels[row * 9 + column + 1]!;
      bits = (bits << 1n) | (left > right ? 1n : 0n);
    }
  }
  return bits.toString(16).padStart(16, '0');
}

export async function imageFacts(image: DecodedImage): Promise<ImageFacts> {
  const format = image.metadata.format === 'jpeg' ? 'jpg' : (image.metadata.format ?? 'unknown');
  return {
    width: image.width,
    height: image.height,
    format: format === 'heif' && image.metadata.compression === 'av1' ? 'avif' : format,
    hasAlpha: image.metadata.hasAlpha ?? false,
    orientation: orientationOf(image.width, image.height),
    palette: dominantColors(image.raster),
    dhash: await differenceHash(image),
  };
}
