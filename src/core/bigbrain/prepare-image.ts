// What leaves the machine for one image: pixels only. Downscaled, re-encoded, every metadata block
// (EXIF, XMP, IPTC, GPS, ICC) dropped, SVGs sanitised and rasterised with no external loading.
import { readFile } from 'node:fs/promises';
import { loadSharp } from '../natives.ts';
import { MAX_INPUT_PIXELS, safeInput } from '../decode.ts';

export const CLOUD_IMAGE_MAX_SIDE = 768;

export interface PreparedImage {
  data: Buffer;
  mimeType: 'image/jpeg' | 'image/webp';
}

/** Re-encodes image bytes for the cloud; `name` only tells SVG apart and never travels further. */
export async function prepareImageBytes(name: string, bytes: Buffer): Promise<PreparedImage> {
  const sharp = loadSharp();
  const input = safeInput(name, bytes);
  const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .autoOrient()
    .resize(CLOUD_IMAGE_MAX_SIDE, CLOUD_IMAGE_MAX_SIDE, { fit: 'inside', withoutEnlargement: true });
  const { hasAlpha } = await image.clone().metadata();
  // Sharp writes no metadata unless asked to (no withMetadata/keepMetadata here), so the output is bare pixels.
  if (hasAlpha) return { data: await image.webp({ quality: 80 }).toBuffer(), mimeType: 'image/webp' };
  return { data: await image.jpeg({ quality: 82, mozjpeg: true }).toBuffer(), mimeType: 'image/jpeg' };
}

export async function prepareImageFile(absolutePath: string): Promise<PreparedImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    throw new Error(`cannot read the image: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return await prepareImageBytes(absolutePath, bytes);
  } catch (error) {
    throw new Error(`cannot re-encode the image: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
}
