import assert from 'node:assert/strict';
import { pathTags, pathWords } from '../../src/core/path-tags.ts';
import { nameWords } from '../../src/core/words.ts';

describe('path tags', () => {
  it('splits camelCase, separators and digits', () => {
    assert.deepEqual(nameWords('socialMedia-twitterLogo_v2'), ['social', 'media', 'twitter', 'logo', 'v', '2']);
    assert.deepEqual(nameWords('HTMLParser icon'), ['html', 'parser', 'icon']);
  });

  it('drops extensions, numbers and noise words', () => {
    assert.deepEqual(pathWords('icons/brand/final_v3 (2).png'), ['icons', 'brand']);
    assert.deepEqual(pathWords('photos/Sunset-Beach.JPG'), ['photos', 'sunset', 'beach']);
  });

  it('merges the words of every path an asset has, once each, as path tags', () => {
    const tags = pathTags(['a/red-car.png', 'b/red car copy.png']);
    assert.deepEqual(tags.map((t) => t.text), ['red', 'car']);
    assert.ok(tags.every((t) => t.source === 'path' && t.field === 'path'));
  });

  it('keeps unicode words', () => {
    assert.deepEqual(pathWords('fotos/größe_über.png'), ['fotos', 'größe', 'über']);
  });
});
