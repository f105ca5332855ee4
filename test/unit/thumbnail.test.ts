import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { decodeImage } from '../../src/core/decode.ts';
import { thumbnailPath, writeThumbnail } from '../../src/core/thumbnail.ts';
import { tempDir } from '../support/images.ts';

describe('thumbnails', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('writes a WebP of at most 256 px per content hash', async () => {
    const png = await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#ff8800' } }).png().toBuffer();
    const path = await writeThumbnail(dir.path, 'ab'.repeat(32), await decodeImage('wide.png', png));
    assert.equal(path, thumbnailPath(dir.path, 'ab'.repeat(32)));
    const meta = await sharp(path).metadata();
    assert.equal(meta.format, 'webp');
    assert.deepEqual([meta.width, meta.height], [256, 128]);
  });

  it('survives many copies of the same bytes written at once', async () => {
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#0088ff' } }).png().toBuffer();
    const image = await decodeImage('dup.png', png);
    const paths = await Promise.all(Array.from({ length: 12 }, () => writeThumbnail(dir.path, 'cd'.repeat(32), image)));
    assert.equal(new Set(paths).size, 1);
    assert.deepEqual(readdirSync(dirname(paths[0]!)), [`${'cd'.repeat(32)}.webp`], 'no temporary files left behind');
  });
});
