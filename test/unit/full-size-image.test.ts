import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { RASTER_SIZE } from '../../src/core/decode.ts';
import { FULL_SIZE_MAX_SIDE, fullSizePng, fullSizePngFile } from '../../src/core/full-size-image.ts';
import { solidImage, tempDir } from '../support/images.ts';

const MM = 96 / 25.4;

async function pixels(png: Buffer): Promise<{ data: Buffer; width: number; height: number; format: string | undefined }> {
  const { format } = await sharp(png).metadata();
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, format };
}

describe('Copy Image: the full-size PNG', () => {
  let dir: ReturnType<typeof tempDir>;
  before(() => (dir = tempDir('asset-lens-full-size-')));
  after(() => dir.remove());

  it('is the raster itself, pixel for pixel, not the 256 px thumbnail', async () => {
    const original = await (await solidImage(1200, 500, { r: 20, g: 90, b: 200 }, { r: 240, g: 200, b: 30 })).png().toBuffer();
    const copied = await fullSizePng('banner.png', original);
    const got = await pixels(copied.data);
    const want = await pixels(original);
    assert.equal(got.format, 'png');
    assert.deepEqual([copied.width, copied.height, got.width, got.height], [1200, 500, 1200, 500]);
    assert.ok(got.data.equals(want.data), 'same pixels as the file');
  });

  it('turns a photo upright as its EXIF orientation says', async () => {
    const photo = await (await solidImage(300, 200, { r: 200, g: 40, b: 40 })).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const copied = await fullSizePng('photo.jpg', photo);
    assert.deepEqual([copied.width, copied.height], [200, 300]);
  });

  it('draws an SVG at its CSS size (mm at 96 px per inch, no viewBox), nothing cropped', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="181.77mm" height="88.9mm"><rect width="100%" height="100%" fill="#10c040"/></svg>';
    const copied = await fullSizePng('plan.svg', Buffer.from(svg));
    assert.deepEqual([copied.width, copied.height], [Math.round(181.77 * MM), Math.round(88.9 * MM)]);
    const { data, width, height } = await pixels(copied.data);
    // The bottom-right corner is still the rectangle's green: drawn to scale, not cropped.
    const corner = ((height - 1) * width + (width - 1)) * 3;
    assert.deepEqual([...data.subarray(corner, corner + 3)], [0x10, 0xc0, 0x40]);
  });

  it('draws a small SVG icon at the thumbnail size rather than at 16 px', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="8" viewBox="0 0 16 8"><rect width="16" height="8" fill="#000"/></svg>';
    const copied = await fullSizePng('icon.svg', Buffer.from(svg));
    assert.deepEqual([copied.width, copied.height], [RASTER_SIZE, RASTER_SIZE / 2]);
  });

  it(`scales an image longer than ${FULL_SIZE_MAX_SIDE} px down to that, keeping its shape`, async () => {
    const strip = await (await solidImage(10_000, 100, { r: 1, g: 2, b: 3 })).png().toBuffer();
    const copied = await fullSizePng('strip.png', strip);
    assert.deepEqual([copied.width, copied.height], [FULL_SIZE_MAX_SIDE, Math.round((100 * FULL_SIZE_MAX_SIDE) / 10_000)]);
  });

  it('names the file and the reason when it cannot be read or decoded, and never follows a link out of the root', async () => {
    const outside = tempDir('asset-lens-outside-');
    try {
      writeFileSync(join(outside.path, 'secret.png'), await (await solidImage(40, 40, { r: 9, g: 9, b: 9 })).png().toBuffer());
      symlinkSync(join(outside.path, 'secret.png'), join(dir.path, 'link.png'));
      writeFileSync(join(dir.path, 'broken.png'), 'not a png at all');
      await assert.rejects(fullSizePngFile(dir.path, 'link.png'), /^Error: link\.png: cannot read the image: /);
      await assert.rejects(fullSizePngFile(dir.path, 'broken.png'), /^Error: broken\.png: cannot decode the image: /);
      await assert.rejects(fullSizePngFile(dir.path, 'gone.png'), /^Error: gone\.png: cannot read the image: ENOENT/);
    } finally {
      outside.remove();
    }
  });
});
