import assert from 'node:assert/strict';
import { baseFormCandidates, WordTokenizer } from '../../src/core/smallbrain/word-tokenizer.ts';
import { nameWords } from '../../src/core/words.ts';

describe('smallbrain word tokenizer', () => {
  it('splits camelCase, acronyms, digits and separators, lowercased', () => {
    assert.deepEqual(nameWords('redSportsCar_02.png'), ['red', 'sports', 'car', '02', 'png']);
    assert.deepEqual(nameWords('HTMLParser'), ['html', 'parser']);
    assert.deepEqual(nameWords('icon-set/Happy FACE!!'), ['icon', 'set', 'happy', 'face']);
    assert.deepEqual(nameWords('Café au lait'), ['café', 'au', 'lait']);
    assert.deepEqual(nameWords('  --  '), []);
  });

  it('proposes base forms of inflected words', () => {
    assert.equal(baseFormCandidates('cats')[0], 'cat');
    assert.equal(baseFormCandidates('boxes')[0], 'box');
    assert.equal(baseFormCandidates('berries')[0], 'berry');
    assert.equal(baseFormCandidates('running')[0], 'run');
    assert.equal(baseFormCandidates('making')[0], 'make');
    assert.equal(baseFormCandidates('jumped')[0], 'jump');
    assert.deepEqual(baseFormCandidates('glass'), []);
  });

  it('maps known words and base forms of unknown ones to ids, dropping the rest', () => {
    const tokenizer = new WordTokenizer(['cat', 'box', 'run', 'make', 'red']);
    assert.equal(tokenizer.size, 5);
    assert.deepEqual(tokenizer.encode('Cats and boxes, running redCat'), [1, 2, 3, 5, 1]);
    assert.equal(tokenizer.wordId('making'), 4);
    assert.equal(tokenizer.wordId('zebra'), undefined);
    assert.deepEqual(tokenizer.encode('nothing known here'), []);
  });

  it('splits an unknown word made of two common words, preferring the more common halves', () => {
    const tokenizer = new WordTokenizer(['music', 'stuff', 'mus', 'icstuff', 'light', 'bulb', 'man']);
    assert.deepEqual(tokenizer.encode('musicstuff'), [1, 2]);
    assert.deepEqual(tokenizer.encode('lightbulb lightman'), [5, 6, 5, 7]);
    assert.deepEqual(tokenizer.encode('rollandin xy'), [], 'no split into unknown or too short parts');
  });
});
