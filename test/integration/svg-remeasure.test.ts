import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetLens } from '../../src/core/engine.ts';
import { updateAssetFacts } from '../../src/core/store/assets.ts';
import { tempDir, writePng, writeText } from '../support/images.ts';

describe('engine: SVG sizes in an index made by an older pipeline', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('are measured again (and their thumbnails redrawn) once, without touching other files', async () => {
    writeText(join(dir.path, 'plan.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="50mm"><rect x="300" y="150" width="77" height="38" fill="red"/></svg>');
    await writePng(join(dir.path, 'photo.png'), 30, 20, { r: 1, g: 2, b: 3 });
    const lens = await AssetLens.open({ root: dir.path });
    try {
      await lens.index({ cloud: false });
      assert.deepEqual([lens.get('plan.svg')!.width, lens.get('plan.svg')!.height], [378, 189]);

      // What the 72-dpi pipeline left behind: the wrong size and a stale thumbnail.
      const record = lens.get('plan.svg')!;
      const asset = lens.store.assetByHash(record.hash)!;
      updateAssetFacts(lens.store.db, asset.id, { width: 283, height: 142, format: 'svg', hasAlpha: true, orientation: 'landscape', palette: [], dhash: '0000000000000000' });
      const thumb = lens.thumbnailPath(record.hash);
      writeFileSync(thumb, 'stale');
      lens.store.writeMeta('pipeline_version', '3');

      // A watcher event first: it indexes one path, and leaves the re-measuring to the next full run.
      await writePng(join(dir.path, 'new.png'), 10, 10, { r: 50, g: 60, b: 70 });
      await lens.indexPaths([join(dir.path, 'new.png')], { cloud: false });
      assert.equal(lens.get('plan.svg')!.width, 283);

      const upgrade = await lens.index({ cloud: false });
      assert.equal(upgrade.changed, 1);
      assert.equal(upgrade.unchanged, 2);
      assert.deepEqual([lens.get('plan.svg')!.width, lens.get('plan.svg')!.height], [378, 189]);
      assert.notEqual(readFileSync(thumb, 'utf8'), 'stale');
      assert.ok(statSync(thumb).size > 20);
      assert.notEqual(lens.store.assetByHash(record.hash)!.dhash, '0000000000000000');

      const again = await lens.index({ cloud: false });
      assert.equal(again.unchanged, 3, 'measured once, not on every run');
    } finally {
      lens.close();
    }
  });
});
