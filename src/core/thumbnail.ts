// Stage 3b: a 256 px WebP thumbnail per content hash, in the index's cache folder.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DecodedImage } from './decode.ts';
import { loadSharp } from './natives.ts';

export function thumbnailPath(indexDir: string, hash: string): string {
  return join(indexDir, 'thumbs', hash.slice(0, 2), `${hash}.webp`);
}

export async function writeThumbnail(indexDir: string, hash: string, image: DecodedImage): Promise<string> {
  const target = thumbnailPath(indexDir, hash);
  try {
    await access(target);
    return target;
  } catch {
    // Not there yet: write it.
  }
  await mkdir(dirname(target), { recursive: true });
  const { data, width, height } = image.raster;
  // Unique per write: two copies of the same bytes in one batch write the same thumbnail at once.
  const temporary = `${target}.${randomUUID()}.tmp`;
  await loadSharp()(data, { raw: { width, height, channels: 4 } }).webp({ quality: 78, effort: 2 }).toFile(temporary);
  await rename(temporary, target);
  return target;
}
