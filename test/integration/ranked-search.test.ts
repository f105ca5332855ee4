import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AssetLens } from '../../src/core/engine.ts';
import type { SearchSort } from '../../src/core/types.ts';
import { svgDocument, tempDir, writePng, writeText } from '../support/images.ts';

// The gallery lists a whole result from rankedSearch and tags only the page on show (hydrateHits):
// together they must give what search() gives for that page.
describe('engine: a ranked result tagged page by page agrees with search()', () => {
  let dir: ReturnType<typeof tempDir>;
  let lens: AssetLens;
  const svg = (path: string, title: string, subjects: string[], fill: string) => writeText(join(dir.path, path), svgDocument({ title, subjects, fill }));

  before(async () => {
    dir = tempDir();
    svg('icons/robin.svg', 'Robin bird', ['bird', 'garden'], '#cc3311');
    svg('icons/sparrow.svg', 'Sparrow bird', ['bird', 'city'], '#886644');
    svg('icons/owl.svg', 'Night owl', ['bird', 'forest'], '#443322');
    svg('icons/frog.svg', 'Green frog', ['animal', 'pond'], '#22aa22');
    svg('art/hotdog.svg', 'Hot dog', ['food', 'snack'], '#ddaa33');
    svg('art/tree.svg', 'Christmas tree', ['holiday', 'winter'], '#116633');
    svg('art/car.svg', 'Red car', ['vehicle', 'road'], '#dd1111');
    await writePng(join(dir.path, 'photos/sunset.png'), 64, 40, { r: 250, g: 120, b: 20 });
    await writePng(join(dir.path, 'photos/sea.png'), 48, 48, { r: 20, g: 80, b: 200 });
    lens = await AssetLens.open({ root: dir.path });
    await lens.index({ cloud: false });
  });
  after(() => {
    lens.close();
    dir.remove();
  });

  const queries = ['bird', 'a bird in the garden', '', 'ext:svg', 'christmas tree', 'ext:png'];
  const sorts: SearchSort[] = ['relevance', 'name', 'size', 'modified'];

  for (const query of queries) {
    for (const sort of sorts) {
      it(`"${query}" sorted by ${sort}: same hits, order and page tags`, async () => {
        const whole = await lens.searchWithWarnings(query, { limit: 50, sort });
        const ranked = await lens.rankedSearch(query, { limit: 50, sort });
        assert.ok(whole.hits.length > 0, 'the query finds something');
        assert.deepEqual(ranked.hits.map((hit) => hit.path), whole.hits.map((hit) => hit.path));
        assert.deepEqual(ranked.hits.map((hit) => hit.lessRelated), whole.hits.map((hit) => hit.lessRelated));
        assert.deepEqual(ranked.warnings, whole.warnings);
        assert.equal(ranked.didYouMean, whole.didYouMean);
        assert.ok(ranked.hits.every((hit) => !('tags' in hit)), 'the ranked list carries no tags');

        const page = ranked.hits.slice(2, 5);
        const tagged = await lens.hydrateHits(query, page);
        assert.equal(tagged.length, page.length, 'one tagged hit per hit of the page, no more');
        assert.deepEqual(tagged, whole.hits.slice(2, 5));
        assert.deepEqual(tagged, await lens.search(query, { limit: 3, offset: 2, sort }));
      });
    }
  }

  it('tags a page with the tags that match the query, as search() does', async () => {
    const ranked = await lens.rankedSearch('bird', { limit: 50 });
    const tagged = await lens.hydrateHits('bird', ranked.hits.slice(0, 2));
    assert.deepEqual(tagged.map((hit) => hit.path), ranked.hits.slice(0, 2).map((hit) => hit.path));
    assert.ok(tagged.every((hit) => hit.tags.includes('bird')), JSON.stringify(tagged.map((hit) => hit.tags)));
  });

  it('keeps the did-you-mean of a mistyped query', async () => {
    const ranked = await lens.rankedSearch('chrstmas tre', { limit: 50 });
    assert.equal(ranked.didYouMean, (await lens.searchWithWarnings('chrstmas tre')).didYouMean);
    assert.equal(ranked.didYouMean, 'christmas tree');
  });
});
