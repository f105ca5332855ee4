import assert from 'node:assert/strict';
import sharp from 'sharp';
import { embeddedTags, xmlMetadataTags } from '../../src/core/embedded-metadata.ts';
import { solidImage, svgDocument, withPngTextChunk, xmpPacket } from '../support/images.ts';

async function tagsOf(bytes: Buffer, path = 'x'): Promise<{ text: string; field: string }[]> {
  const metadata = await sharp(bytes).metadata();
  return (await embeddedTags(path, bytes, metadata)).map(({ text, field }) => ({ text, field }));
}

describe('embedded metadata', () => {
  it('reads SVG title, desc and RDF subjects, but not the creator', () => {
    const tags = xmlMetadataTags(svgDocument({ title: 'Red fox', desc: 'A fox in the snow', subjects: ['animal', 'wildlife, winter'] }));
    assert.deepEqual(tags.map((t) => [t.field, t.text]), [
      ['title', 'Red fox'], ['description', 'A fox in the snow'], ['keyword', 'animal'], ['keyword', 'wildlife'], ['keyword', 'winter'],
    ]);
    assert.ok(tags.every((t) => t.source === 'embedded'));
  });

  it('reads XMP dc:title, dc:description and dc:subject from a JPEG', async () => {
    const jpeg = await (await solidImage(40, 30, { r: 10, g: 120, b: 10 })).jpeg().withXmp(xmpPacket({ title: 'Forest path', description: 'Morning walk', subjects: ['trees', 'hiking'] })).toBuffer();
    assert.deepEqual(await tagsOf(jpeg), [
      { text: 'Forest path', field: 'title' }, { text: 'Morning walk', field: 'description' }, { text: 'trees', field: 'keyword' }, { text: 'hiking', field: 'keyword' },
    ]);
  });

  it('reads EXIF ImageDescription from a JPEG', async () => {
    const jpeg = await (await solidImage(40, 30, { r: 10, g: 10, b: 200 })).jpeg().withExif({ IFD0: { ImageDescription: 'Blue lagoon' } }).toBuffer();
    assert.deepEqual(await tagsOf(jpeg), [{ text: 'Blue lagoon', field: 'description' }]);
  });

  it('reads PNG tEXt Title, Description and Keywords', async () => {
    let png: Buffer = await (await solidImage(20, 20, { r: 200, g: 200, b: 0 })).png().toBuffer();
    png = withPngTextChunk(png, 'Title', 'Lemon slice');
    png = withPngTextChunk(png, 'Keywords', 'fruit; citrus');
    const tags = await tagsOf(png);
    assert.equal(tags.length, 3);
    assert.ok(tags.some((t) => t.text === 'Lemon slice' && t.field === 'title'));
    assert.ok(tags.some((t) => t.text === 'fruit' && t.field === 'keyword'));
    assert.ok(tags.some((t) => t.text === 'citrus' && t.field === 'keyword'));
  });

  it('finds nothing in an image without metadata, and survives malformed XML', async () => {
    assert.deepEqual(await tagsOf(await (await solidImage(8, 8, { r: 0, g: 0, b: 0 })).png().toBuffer()), []);
    assert.deepEqual(xmlMetadataTags('<svg><title>unclosed'), []);
  });
});
