import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadSharp } from '../../src/core/natives.ts';
import { contentHash } from '../../src/core/hash.ts';
import { CLOUD_IMAGE_MAX_SIDE, prepareImageBytes, prepareImageFile } from '../../src/core/bigbrain/prepare-image.ts';

const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>secret-xmp-author</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';

async function photoWithEverything(): Promise<Buffer> {
  const sharp = loadSharp();
  return sharp({ create: { width: 2000, height: 1000, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withIccProfile('p3')
    .withExif({
      IFD0: { Artist: 'secret-exif-artist', Copyright: 'secret-copyright', ImageDescription: 'home of secret-person' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .withXmp(XMP)
    .jpeg()
    .toBuffer();
}

describe('BigBrain image preparation (what leaves the machine)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'asset-lens-prepare-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('downscales to 768 px and strips EXIF, GPS, XMP and ICC', async () => {
    const sharp = loadSharp();
    const input = await photoWithEverything();
    const source = await sharp(input).metadata();
    assert.ok(source.exif && source.xmp && source.icc, 'the fixture really carries metadata');
    const prepared = await prepareImageBytes('photo.jpg', input);
    const meta = await sharp(prepared.data).metadata();
    assert.equal(prepared.mimeType, 'image/jpeg');
    assert.equal(Math.max(meta.width!, meta.height!), CLOUD_IMAGE_MAX_SIDE);
    assert.equal(meta.width, 768);
    assert.equal(meta.height, 384);
    assert.equal(meta.exif, undefined);
    assert.equal(meta.xmp, undefined);
    assert.equal(meta.iptc, undefined);
    assert.equal(meta.icc, undefined);
    for (const secret of ['secret-exif-artist', 'secret-copyright', 'secret-person', 'secret-xmp-author', 'Exif', 'GPS']) {
      assert.ok(!prepared.data.includes(secret), `"${secret}" left in the bytes`);
    }
  });

  it('applies EXIF orientation before dropping it, and never enlarges', async () => {
    const sharp = loadSharp();
    const rotated = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#123456' } }).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    assert.equal((await sharp(rotated).metadata()).orientation, 6);
    const prepared = await prepareImageBytes('rotated.jpg', rotated);
    const meta = await sharp(prepared.data).metadata();
    assert.equal(meta.width, 20);
    assert.equal(meta.height, 60);
    assert.equal(meta.orientation, undefined);
  });

  it('keeps transparency as WebP', async () => {
    const sharp = loadSharp();
    const icon = await sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const prepared = await prepareImageBytes('icon.png', icon);
    assert.equal(prepared.mimeType, 'image/webp');
    assert.equal((await sharp(prepared.data).metadata()).hasAlpha, true);
  });

  it('rasterises SVG without loading anything external', async () => {
    const sharp = loadSharp();
    const red = join(dir, 'red.png');
    writeFileSync(red, await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ff0000' } }).png().toBuffer());
    const svgPath = join(dir, 'logo.svg');
    writeFileSync(
      svgPath,
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="2000" height="1000">
        <rect width="2000" height="1000" fill="#0000ff"/>
        <image href="file://${red}" x="0" y="0" width="2000" height="1000"/>
        <image xlink:href="${red}" x="0" y="0" width="2000" height="1000"/>
        <image href="http://127.0.0.1:9/tracker.png" width="10" height="10"/>
      </svg>`,
    );
    const prepared = await prepareImageFile(dir, basename(svgPath), contentHash(readFileSync(svgPath)));
    const meta = await sharp(prepared.data).metadata();
    assert.equal(Math.max(meta.width!, meta.height!), 768);
    const stats = await sharp(prepared.data).stats();
    const [r, , b] = stats.channels.map((channel) => channel.mean);
    assert.ok(b! > 200 && r! < 30, `the external red image was drawn (mean r=${r} b=${b})`);
  });

  it('names the reason when an image cannot be prepared', async () => {
    const broken = join(dir, 'broken.png');
    writeFileSync(broken, Buffer.from('not an image at all'));
    await assert.rejects(prepareImageFile(dir, 'broken.png', contentHash(readFileSync(broken))), /cannot re-encode the image/);
    await assert.rejects(prepareImageFile(dir, 'missing.png', 'a'.repeat(64)), /cannot read the image: ENOENT/);
  });

  it('sends nothing when the bytes changed since indexing, or when the path leads out of the root', async () => {
    const sharp = loadSharp();
    const image = join(dir, 'changed.png');
    writeFileSync(image, await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } }).png().toBuffer());
    const indexedHash = contentHash(readFileSync(image));
    writeFileSync(image, await sharp({ create: { width: 8, height: 8, channels: 3, background: '#00ff00' } }).png().toBuffer());
    await assert.rejects(prepareImageFile(dir, 'changed.png', indexedHash), /changed since it was indexed/);
    mkdirSync(join(dir, 'inner'), { recursive: true });
    await assert.rejects(prepareImageFile(join(dir, 'inner'), '../changed.png', contentHash(readFileSync(image))), /outside the repository/);
  });
});
