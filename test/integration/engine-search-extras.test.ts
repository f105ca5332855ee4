import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AssetLens } from '../../src/core/engine.ts';
import { setApartWeak } from '../../src/core/search.ts';
import { svgDocument, tempDir, writePng, writeText } from '../support/images.ts';

describe('engine: sorting, weak matches, did-you-mean and facets over a query', () => {
  let dir: ReturnType<typeof tempDir>;
  let lens: AssetLens;
  const svg = (path: string, title: string, subjects: string[], fill: string, extra = '') =>
    writeText(join(dir.path, path), svgDocument({ title, subjects, fill, body: extra }));

  before(async () => {
    dir = tempDir();
    svg('icons/social/robin.svg', 'Robin bird', ['bird', 'garden'], '#cc3311');
    svg('icons/social/sparrow.svg', 'Sparrow bird', ['bird', 'city'], '#886644', '<rect width="5" height="5"/>'.repeat(40));
    svg('icons/frog.svg', 'Green frog', ['animal', 'pond'], '#22aa22');
    svg('art/hotdog.svg', 'Hot dog', ['food', 'snack'], '#ddaa33');
    svg('art/tree.svg', 'Christmas tree', ['holiday', 'winter'], '#116633');
    svg('art/car.svg', 'Red car', ['vehicle', 'road'], '#dd1111');
    await writePng(join(dir.path, 'photos/sunset.png'), 64, 40, { r: 250, g: 120, b: 20 });
    // A copy: two files, one content.
    mkdirSync(join(dir.path, 'archive'), { recursive: true });
    copyFileSync(join(dir.path, 'art/tree.svg'), join(dir.path, 'archive/tree-copy.svg'));
    const times: Record<string, number> = { 'icons/social/robin.svg': 1_700_000_000, 'icons/social/sparrow.svg': 1_600_000_000 };
    for (const [path, seconds] of Object.entries(times)) utimesSync(join(dir.path, path), seconds, seconds);
    lens = await AssetLens.open({ root: dir.path });
    await lens.index({ cloud: false });
  });
  after(() => {
    lens.close();
    dir.remove();
  });

  it('reports each hit\'s file size and modification time', async () => {
    const hits = await lens.search('bird');
    const robin = hits.find((h) => h.path === 'icons/social/robin.svg')!;
    assert.equal(robin.size, statSync(join(dir.path, robin.path)).size);
    assert.equal(robin.modified, 1_700_000_000_000);
  });

  it('sets weak tail matches apart: the birds first, anything else after them as less related', async () => {
    const hits = await lens.search('bird', { limit: 50 });
    const strong = hits.filter((h) => !h.lessRelated).map((h) => h.path).sort();
    assert.deepEqual(strong, ['icons/social/robin.svg', 'icons/social/sparrow.svg']);
    // The issue's own example: a search for birds that trailed off into a frog and a hot dog.
    assert.equal(hits.find((h) => h.path === 'icons/frog.svg')?.lessRelated, true);
    const firstWeak = hits.findIndex((h) => h.lessRelated);
    assert.ok(hits.slice(firstWeak).every((h) => h.lessRelated), 'less related hits come last');
  });

  it('marks as weak what only one list found far below its best (pure scores)', () => {
    const semantic = [{ id: 1, score: 0.9 }, { id: 2, score: 0.6 }, { id: 3, score: 0.5 }];
    const lexical = [{ id: 4, score: 10 }, { id: 3, score: 2 }];
    const ranked = [{ id: 1, score: 5 }, { id: 3, score: 4 }, { id: 4, score: 3 }, { id: 2, score: 2 }];
    assert.deepEqual(
      setApartWeak(ranked, semantic, lexical).map((c) => [c.id, c.lessRelated]),
      [[1, false], [4, false], [3, true], [2, true]],
    );
  });

  it('sorts by name, by size (largest first) and by date (newest first), strong hits before weak ones', async () => {
    const byName = await lens.search('ext:svg', { sort: 'name', limit: 50 });
    assert.deepEqual(byName.map((h) => h.path), [...byName.map((h) => h.path)].sort());
    const bySize = await lens.search('', { sort: 'size', limit: 50 });
    assert.deepEqual(bySize.map((h) => h.size), [...bySize.map((h) => h.size)].sort((a, b) => b - a));
    assert.equal(bySize[0]!.path, 'icons/social/sparrow.svg');
    const byDate = await lens.search('bird', { sort: 'modified', limit: 50 });
    const strong = byDate.filter((h) => !h.lessRelated).map((h) => h.path);
    assert.deepEqual(strong, ['icons/social/robin.svg', 'icons/social/sparrow.svg']);
    const byDateAscendingNames = await lens.search('bird', { sort: 'name', limit: 1, offset: 1 });
    assert.equal(byDateAscendingNames[0]!.path, 'icons/social/sparrow.svg');
  });

  it('suggests a correction from the index\'s own words when a typo finds nothing good, keeping filters', async () => {
    const typo = await lens.searchWithWarnings('chrstmas tre');
    assert.ok(typo.hits.every((h) => h.lessRelated));
    assert.equal(typo.didYouMean, 'christmas tree');
    assert.equal((await lens.searchWithWarnings('chrstmas ext:svg')).didYouMean, 'christmas ext:svg');
    assert.equal((await lens.searchWithWarnings('christmas tree')).didYouMean, null);
    assert.equal((await lens.searchWithWarnings('qqqzzzxxx')).didYouMean, null);
  });

  it('counts files, not contents, per folder at every depth', async () => {
    const all = await lens.facets();
    assert.equal(all.folders['icons'], 3);
    assert.equal(all.folders['icons/social'], 2);
    assert.equal(all.folders['art'], 3);
    assert.equal(all.folders['archive'], 1);
    assert.equal(all.formats['svg'], 7);
    assert.equal(all.formats['png'], 1);
    const status = lens.status();
    assert.equal(status.files, 8);
    assert.equal(status.assets, 7);
    assert.equal(Object.values(all.formats).reduce((a, b) => a + b, 0), status.files);
  });

  it('counts facets over the hits of a query', async () => {
    const birds = await lens.facets('bird');
    const hits = await lens.search('bird', { limit: 100 });
    assert.equal(Object.values(birds.formats).reduce((a, b) => a + b, 0), hits.length);
    assert.equal(birds.folders['icons/social'], 2);
    const trees = await lens.facets('christmas tree in:archive');
    assert.deepEqual(trees.folders, { archive: 1 });
    assert.deepEqual((await lens.facets('ext:png')).formats, { png: 1 });
  });
});

describe('engine: facets of the whole index', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('are counted again after any change to the index, and only then', async () => {
    await writePng(join(dir.path, 'icons/a.png'), 20, 20, { r: 200, g: 9, b: 9 });
    const lens = await AssetLens.open({ root: dir.path });
    try {
      await lens.index({ cloud: false });
      const before = await lens.facets();
      assert.deepEqual(before.folders, { icons: 1 });
      assert.equal(await lens.facets(), before, 'unchanged index: the same counts, not counted again');
      await writePng(join(dir.path, 'icons/social/b.png'), 20, 20, { r: 9, g: 9, b: 200 });
      await lens.index({ cloud: false });
      assert.deepEqual((await lens.facets()).folders, { icons: 2, 'icons/social': 1 });
      await lens.setUserTags('icons/a.png', ['logo']);
      assert.equal((await lens.facets()).sources['user'], 1);
    } finally {
      lens.close();
    }
  });
});
