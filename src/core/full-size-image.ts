// "Copy Image": the image itself as a PNG (the one image type every clipboard takes), at its own size
// rather than the 256 px thumbnail. Read like the cloud's copy: never through a link out of the root,
// SVGs sanitised first.
import { RASTER_SIZE, readImageFile, renderPipeline } from './decode.ts';

/** Larger images are scaled down to this on the long side: a clipboard holds the decoded pixels. */
export const FULL_SIZE_MAX_SIDE = 8192;

export interface FullSizePng {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Rasters at their size, upright (EXIF orientation applied); SVGs at their CSS size (96 px per inch),
 * but never below the thumbnail's 256 px on the long side, since a vector loses nothing drawn larger
 * and a 16 px icon pasted at 16 px is of no use.
 */
export async function fullSizePng(name: string, bytes: Buffer): Promise<FullSizePng> {
  const image = renderPipeline(name, bytes, FULL_SIZE_MAX_SIDE, (geometry) => Math.max(RASTER_SIZE, Math.round(Math.max(geometry.width, geometry.height))));
  const { data, info } = await image.png().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The PNG of the image at `relativePath` under `root`; the error says why when it cannot be made. */
export async function fullSizePngFile(root: string, relativePath: string): Promise<FullSizePng> {
  let bytes: Buffer;
  try {
    bytes = await readImageFile(root, relativePath);
  } catch (error) {
    throw new Error(`${relativePath}: ${(error as Error).message}`);
  }
  try {
    return await fullSizePng(relativePath, bytes);
  } catch (error) {
    throw new Error(`${relativePath}: cannot decode the image: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
}
