// What leaves the machine for one image: pixels only. Downscaled, re-encoded, every metadata block
// (EXIF, XMP, IPTC, GPS, ICC) dropped, SVGs sanitised and rasterised with no external loading.
import { readImageFile, renderPipeline } from '../decode.ts';
import { contentHash } from '../hash.ts';

export const CLOUD_IMAGE_MAX_SIDE = 768;

export interface PreparedImage {
  data: Buffer;
  mimeType: 'image/jpeg' | 'image/webp';
}

/** Re-encodes image bytes for the cloud; `name` only tells SVG apart and never travels further. */
export async function prepareImageBytes(name: string, bytes: Buffer): Promise<PreparedImage> {
  // An SVG is drawn at the size sent, to scale, whatever its nominal size or units.
  const image = renderPipeline(name, bytes, CLOUD_IMAGE_MAX_SIDE, () => CLOUD_IMAGE_MAX_SIDE);
  const { hasAlpha } = await image.clone().metadata();
  // Sharp writes no metadata unless asked to (no withMetadata/keepMetadata here), so the output is bare pixels.
  if (hasAlpha) return { data: await image.webp({ quality: 80 }).toBuffer(), mimeType: 'image/webp' };
  return { data: await image.jpeg({ quality: 82, mozjpeg: true }).toBuffer(), mimeType: 'image/jpeg' };
}

/**
 * Reads the image at `relativePath` under `root` for the cloud — never through a link out of the root —
 * and checks, right before its pixels leave the machine, that the bytes are still those that were
 * indexed as `expectedHash`.
 */
export async function prepareImageFile(root: string, relativePath: string, expectedHash: string): Promise<PreparedImage> {
  const bytes = await readImageFile(root, relativePath);
  if (contentHash(bytes) !== expectedHash) throw new Error('the file changed since it was indexed; it is sent after the next index run');
  try {
    return await prepareImageBytes(relativePath, bytes);
  } catch (error) {
    throw new Error(`cannot re-encode the image: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
}
