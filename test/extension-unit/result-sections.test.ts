import assert from 'node:assert/strict';
import { arrangeHits, copiesNote, LESS_RELATED, TOP_LEVEL } from '../../src/vscode/result-sections.ts';

const hit = (path: string, lessRelated = false, folder = 0) => ({ path, lessRelated, folder });

describe('gallery result arrangement: arrangeHits', () => {
  it('groups by folder in name order, keeping the engine order inside each group', () => {
    const hits = [hit('icons/z.png'), hit('logo.svg'), hit('art/b.png'), hit('icons/a.png'), hit('art/a.png')];
    const { hits: ordered, sections } = arrangeHits(hits, { groupByFolder: true, splitWeak: true, folderNames: ['ws'] });
    assert.deepEqual(ordered.map((h) => h.path), ['logo.svg', 'art/b.png', 'art/a.png', 'icons/z.png', 'icons/a.png']);
    assert.deepEqual(sections, [
      { label: TOP_LEVEL, start: 0, count: 1 },
      { label: 'art/', start: 1, count: 2 },
      { label: 'icons/', start: 3, count: 2 },
    ]);
  });

  it('names the workspace folder in headings of a multi-root workspace', () => {
    const { sections } = arrangeHits([hit('a/x.png', false, 1), hit('a/y.png', false, 0)], { groupByFolder: true, splitWeak: false, folderNames: ['site', 'docs'] });
    assert.deepEqual(sections.map((s) => s.label), ['docs › a/', 'site › a/']);
  });

  it('moves weak matches under "less related" after the strong ones', () => {
    const { hits, sections } = arrangeHits([hit('bird.png'), hit('frog.png', true), hit('owl.png')], { groupByFolder: false, splitWeak: true, folderNames: ['ws'] });
    assert.deepEqual(hits.map((h) => h.path), ['bird.png', 'owl.png', 'frog.png']);
    assert.deepEqual(sections, [{ label: null, start: 0, count: 2 }, { label: LESS_RELATED, start: 2, count: 1 }]);
  });

  it('has one unlabelled section when nothing is weak or splitting is off', () => {
    assert.deepEqual(arrangeHits([hit('a.png'), hit('b.png', true)], { groupByFolder: false, splitWeak: false, folderNames: ['ws'] }).sections, [{ label: null, start: 0, count: 2 }]);
    assert.deepEqual(arrangeHits([], { groupByFolder: false, splitWeak: true, folderNames: ['ws'] }).sections, [{ label: null, start: 0, count: 0 }]);
  });
});

describe('gallery facet note: copiesNote', () => {
  it('says when copies share one content, and nothing otherwise', () => {
    assert.equal(copiesNote(302, 302), null);
    assert.equal(copiesNote(1661, 1560), '1,661 files, 1,560 distinct images: 101 are copies of another file and show once in the grid.');
    assert.equal(copiesNote(3, 2), '3 files, 2 distinct images: 1 is a copy of another file and shows once in the grid.');
  });
});
