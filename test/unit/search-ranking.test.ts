import assert from 'node:assert/strict';
import { closeEnough, fuse } from '../../src/core/search.ts';

describe('search ranking', () => {
  it('fuses two lists by reciprocal rank: agreement beats a single first place', () => {
    const semantic = [{ id: 1, score: 0.9 }, { id: 2, score: 0.8 }, { id: 3, score: 0.7 }];
    const lexical = [{ id: 4, score: 9 }, { id: 2, score: 7 }];
    assert.deepEqual(fuse(semantic, lexical).map((r) => r.id), [2, 1, 3, 4], 'the semantic list weighs 1.5');
  });

  it('keeps only semantic neighbours close to the query and to the best match', () => {
    const nearest = [0.9, 0.62, 0.46, 0.3, 0.1].map((score, id) => ({ id, score }));
    assert.deepEqual(closeEnough(nearest).map((r) => r.score), [0.9, 0.62, 0.46]);
    assert.deepEqual(closeEnough([{ id: 1, score: 0.3 }, { id: 2, score: 0.19 }]).map((r) => r.id), [1]);
    assert.deepEqual(closeEnough([]), []);
  });
});
