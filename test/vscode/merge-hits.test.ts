import assert from 'node:assert/strict';
import type { SearchHit } from '../../src/core/types.ts';
import { mergeByScore } from '../../src/vscode/merge-hits.ts';

const hit = (path: string, score: number): SearchHit => ({ path, hash: path, score, tags: [], caption: null, lessRelated: false, size: 0, modified: 0, refs: 0 });

describe('multi-root search: mergeByScore', () => {
  it('interleaves folders by score and remembers where each hit came from', () => {
    const merged = mergeByScore([[hit('a', 0.9), hit('b', 0.5)], [hit('c', 0.7), hit('d', 0.1)]]);
    assert.deepEqual(merged.map((h) => [h.folder, h.path]), [[0, 'a'], [1, 'c'], [0, 'b'], [1, 'd']]);
  });

  it('keeps each folder in its own order on equal scores (browsing)', () => {
    const merged = mergeByScore([[hit('a', 1), hit('b', 1)], [hit('c', 1)]]);
    assert.deepEqual(merged.map((h) => h.path), ['a', 'b', 'c']);
  });

  it('cuts to the limit', () => {
    assert.equal(mergeByScore([[hit('a', 1), hit('b', 0.5)], [hit('c', 0.8)]], 2).length, 2);
  });
});
