// Stage 3b: a 256 px WebP thumbnail per content hash, in the index's cache folder.
import { lstatSync, rmSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DecodedImage } from './decode.ts';
import { loadSharp } from './natives.ts';
import { ensureStateFolder, writeStateFileAtomic } from './safe-fs.ts';

const HASH = /^[0-9a-f]{16,128}$/;

/** No image has this hash: where a missing or malformed one points. */
const NO_HASH = '0'.repeat(64);

/** Where a hash's thumbnail lives; a hash that is not hex (e.g. from a planted index.db) never becomes a path. */
export function thumbnailPath(indexDir: string, hash: string): string {
  const safe = HASH.test(hash) ? hash : NO_HASH;
  return join(indexDir, 'thumbs', safe.slice(0, 2), `${safe}.webp`);
}

/** Deletes the thumbnails of these hashes (a missing one is fine; a link is removed, never followed). */
export function removeThumbnails(indexDir: string, hashes: readonly string[]): void {
  for (const hash of hashes) {
    const path = thumbnailPath(indexDir, hash);
    // Only inside a real subfolder: a planted `thumbs/ab` link would make the delete happen elsewhere.
    if (lstatSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) rmSync(path, { force: true });
  }
}

/** Writes a hash's thumbnail unless one is there already (`replace`: rewrites it, after a rendering fix). */
export async function writeThumbnail(indexDir: string, hash: string, image: DecodedImage, options: { replace?: boolean } = {}): Promise<string> {
  const target = thumbnailPath(indexDir, hash);
  // A regular file is a thumbnail already made; a link or anything else planted there is replaced.
  if (!options.replace && (await lstat(target).catch(() => null))?.isFile()) return target;
  const { data, width, height } = image.raster;
  const webp = await loadSharp()(data, { raw: { width, height, channels: 4 } }).webp({ quality: 78, effort: 2 }).toBuffer();
  ensureStateFolder(indexDir, 'thumbs', hash.slice(0, 2));
  // Unique, exclusive temporary per write: two copies of the same bytes in one batch may write at once.
  writeStateFileAtomic(target, webp);
  return target;
}
