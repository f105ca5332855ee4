import assert from 'node:assert/strict';
import type { SearchHit } from '../../src/core/types.ts';
import { mergeHits } from '../../src/vscode/merge-hits.ts';

const hit = (path: string, score: number, extra: Partial<SearchHit> = {}): SearchHit => ({ path, hash: path, score, tags: [], caption: null, lessRelated: false, size: 0, modified: 0, refs: 0, ...extra });

describe('multi-root search: mergeHits', () => {
  it('interleaves folders by score and remembers where each hit came from', () => {
    const merged = mergeHits([[hit('a', 0.9), hit('b', 0.5)], [hit('c', 0.7), hit('d', 0.1)]]);
    assert.deepEqual(merged.map((h) => [h.folder, h.path]), [[0, 'a'], [1, 'c'], [0, 'b'], [1, 'd']]);
  });

  it('keeps each folder in its own order on equal scores (browsing)', () => {
    const merged = mergeHits([[hit('a', 1), hit('b', 1)], [hit('c', 1)]]);
    assert.deepEqual(merged.map((h) => h.path), ['a', 'b', 'c']);
  });

  it('cuts to the limit', () => {
    assert.equal(mergeHits([[hit('a', 1), hit('b', 0.5)], [hit('c', 0.8)]], 2).length, 2);
  });

  it('keeps every folder\'s weak matches after all strong ones, whatever the score', () => {
    const merged = mergeHits([[hit('a', 0.9), hit('weak-a', 0.6, { lessRelated: true })], [hit('b', 0.5), hit('weak-b', 0.4, { lessRelated: true })]]);
    assert.deepEqual(merged.map((h) => h.path), ['a', 'b', 'weak-a', 'weak-b']);
  });

  it('merges in the chosen order: name A→Z, newest first, largest first', () => {
    const one = [hit('b.png', 0.9, { modified: 30, size: 10 }), hit('d.png', 0.1, { modified: 10, size: 40 })];
    const two = [hit('a.png', 0.5, { modified: 20, size: 30 }), hit('c.png', 0.2, { modified: 40, size: 20 })];
    assert.deepEqual(mergeHits([one.toSorted((x, y) => x.path.localeCompare(y.path)), two], Infinity, 'name').map((h) => h.path), ['a.png', 'b.png', 'c.png', 'd.png']);
    assert.deepEqual(mergeHits([[one[0]!, one[1]!], [two[1]!, two[0]!]], Infinity, 'modified').map((h) => h.modified), [40, 30, 20, 10]);
    assert.deepEqual(mergeHits([[one[1]!, one[0]!], [two[0]!, two[1]!]], Infinity, 'size').map((h) => h.size), [40, 30, 20, 10]);
  });
});
