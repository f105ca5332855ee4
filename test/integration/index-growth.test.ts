import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetLens, defaultIndexDir } from '../../src/core/engine.ts';
import { contentHash } from '../../src/core/hash.ts';
import { tempDir, writePng } from '../support/images.ts';

describe('engine: what an index run writes, a later run deletes', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('deletes an asset and its thumbnail once no file holds its bytes, whether deleted or changed', async () => {
    await writePng(join(dir.path, 'red.png'), 24, 24, { r: 220, g: 20, b: 20 });
    copyFileSync(join(dir.path, 'red.png'), join(dir.path, 'red-copy.png'));
    await writePng(join(dir.path, 'blue.png'), 24, 24, { r: 20, g: 20, b: 220 });
    const lens = await AssetLens.open({ root: dir.path });
    try {
      await lens.index();
      const thumb = (path: string) => lens.thumbnailPath(lens.get(path)!.hash);
      const red = thumb('red.png');
      const blue = thumb('blue.png');
      assert.ok(existsSync(red) && existsSync(blue));
      assert.equal(lens.status().assets, 2);

      await writePng(join(dir.path, 'blue.png'), 24, 24, { r: 20, g: 200, b: 20 });
      await lens.index();
      assert.equal(existsSync(blue), false, 'the old contents of a changed file');
      assert.ok(existsSync(thumb('blue.png')));
      assert.equal(lens.status().assets, 2);

      rmSync(join(dir.path, 'red.png'));
      await lens.index();
      assert.ok(existsSync(red), 'a copy still holds these bytes');
      rmSync(join(dir.path, 'red-copy.png'));
      await lens.index();
      assert.equal(existsSync(red), false);
      assert.equal(lens.status().assets, 1);
    } finally {
      lens.close();
    }
  });

  it('embeds each asset once on a fresh clone with a ledger, its answers included', async () => {
    await writePng(join(dir.path, 'red.png'), 24, 24, { r: 220, g: 20, b: 20 });
    await writePng(join(dir.path, 'blue.png'), 24, 24, { r: 20, g: 20, b: 220 });
    const indexDir = defaultIndexDir(dir.path);
    mkdirSync(indexDir, { recursive: true });
    const line = (file: string, caption: string) =>
      JSON.stringify({ hash: contentHash(readFileSync(join(dir.path, file))), model: 'gemini-2.5-flash-lite', date: '2026-11-01T00:00:00.000Z', caption, tags: ['swatch'] });
    writeFileSync(join(indexDir, 'tags.jsonl'), `${line('blue.png', 'A blue square')}\n${line('red.png', 'A red square')}\n`);
    const lens = await AssetLens.open({ root: dir.path });
    try {
      const summary = await lens.index();
      assert.equal(summary.fromLedger, 2);
      assert.equal(summary.embedded, 2);
      assert.equal(lens.get('red.png')?.caption, 'A red square');
      assert.equal((await lens.search('swatch', { mode: 'lexical' })).length, 2);
    } finally {
      lens.close();
    }
  });
});
