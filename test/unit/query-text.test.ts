import assert from 'node:assert/strict';
import { understandQueryText } from '../../src/core/query-text.ts';
import { completeMatchExpression } from '../../src/core/search.ts';

describe('query text', () => {
  it('drops words that fit any asset when the query says something else, keeps them when it does not', () => {
    assert.equal(understandQueryText('weather icons').text, 'weather');
    assert.equal(understandQueryText('vector illustration of a sailing boat').text, 'of a sailing boat');
    assert.equal(understandQueryText('icon').text, 'icon');
    assert.equal(understandQueryText('clipart graphics').text, 'clipart graphics');
    assert.equal(understandQueryText('an icon').text, 'an icon', 'a stop word alone is not something else');
  });

  it('reads "a, b or c" as a list of its members, and a plain description as none', () => {
    assert.deepEqual(understandQueryText('lion, tiger or bear').parts, ['lion', 'tiger', 'bear']);
    assert.deepEqual(understandQueryText('coffee cup and teapot graphics').parts, ['coffee cup', 'teapot']);
    assert.deepEqual(understandQueryText('birthday cake with candles').parts, []);
  });

  it('finds the colour words', () => {
    assert.deepEqual(understandQueryText('red car').colors, ['red']);
    assert.deepEqual(understandQueryText('Grey and blue buttons').colors, ['gray', 'blue']);
    assert.deepEqual(understandQueryText('car').colors, []);
  });

  it('asks FTS5 for every word, of the query or of one list member, with neighbouring words also written as one', () => {
    assert.equal(completeMatchExpression(understandQueryText('red car')), '("red" AND "car") OR ("redcar")');
    assert.equal(
      completeMatchExpression(understandQueryText('teddy bear, toy train')),
      '("teddy" AND "bear") OR ("teddybear") OR ("toy" AND "train") OR ("toytrain")',
    );
    assert.equal(completeMatchExpression(understandQueryText('the bird')), null);
  });
});
