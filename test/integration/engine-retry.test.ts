import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AssetLens } from '../../src/core/engine.ts';
import { PIPELINE_VERSION } from '../../src/core/indexer.ts';
import { tempDir, writePng, writeText } from '../support/images.ts';

describe('engine: files that failed', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('are not read again on every run, but are retried once after the pipeline changes', async () => {
    await writePng(join(dir.path, 'ok.png'), 20, 20, { r: 1, g: 2, b: 3 });
    writeText(join(dir.path, 'broken.png'), 'not a png');
    const lens = await AssetLens.open({ root: dir.path });
    try {
      assert.deepEqual((await lens.index()).failed.map((f) => f.path), ['broken.png']);
      const again = await lens.index();
      assert.deepEqual(again.failed, []);
      assert.equal(again.unchanged, 2);
      assert.equal(lens.get('broken.png')?.error, 'not an image (unsupported or unrecognised format)');

      lens.store.writeMeta('pipeline_version', `before-${PIPELINE_VERSION}`);
      const afterUpgrade = await lens.index();
      assert.deepEqual(afterUpgrade.failed.map((f) => f.path), ['broken.png']);
      assert.equal(afterUpgrade.unchanged, 1);
      assert.equal((await lens.index()).unchanged, 2);
    } finally {
      lens.close();
    }
  });
});
