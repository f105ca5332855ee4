import assert from 'node:assert/strict';
import { openDatabase } from '../../src/core/store/index.ts';
import { lexicalTerms, matchedTags } from '../../src/core/search-terms.ts';
import { nameWords, searchWords, stem } from '../../src/core/words.ts';

const WORDS = (
  'cats running berries boxes foxes happiness generalization relational conditional ponies caresses flies dies ' +
  'agreed hopping tanned falling hissing fizzed failing filing sky skies news icons logos sunsets Christmas trees ' +
  'Cafés naïve electrical connection connected hopeful goodness formality sensitivity adjustable ox owl'
).split(' ');

describe('words', () => {
  it('stems every word exactly as FTS5 porter tokenizer stores it', () => {
    const db = openDatabase(':memory:');
    try {
      db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');");
      const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
      const term = db.prepare('SELECT term FROM v').pluck();
      for (const word of WORDS) {
        db.exec('DELETE FROM t');
        insert.run(word);
        assert.equal(stem(word), term.get(), word);
      }
    } finally {
      db.close();
    }
  });

  it('shows as matched the tags BM25 matched, inflections included', () => {
    const stems = new Set(lexicalTerms('running foxes in the snow').map(stem));
    assert.deepEqual(matchedTags(['fox', 'a fox runs', 'snowy owl', 'Snow', 'tree'], stems), ['fox', 'a fox runs', 'Snow']);
  });

  it('splits names on camelCase, digits and separators, in any script', () => {
    assert.deepEqual(nameWords('redSportsCar_02.png'), ['red', 'sports', 'car', '02', 'png']);
    assert.deepEqual(nameWords('caféBar-ÜberGröße'), ['café', 'bar', 'über', 'größe']);
  });

  it('splits search text on anything but letters and digits, without camelCase', () => {
    assert.deepEqual(searchWords('Red-sportsCar, 2 wheels!'), ['red', 'sportscar', '2', 'wheels']);
  });
});
