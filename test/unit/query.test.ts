import assert from 'node:assert/strict';
import { parseQuery } from '../../src/core/query.ts';

describe('query language', () => {
  it('separates free text from filters', () => {
    const q = parseQuery('red car ext:svg in:icons/ orientation:landscape w>512 h<=100 tag:logo');
    assert.equal(q.text, 'red car');
    assert.deepEqual(q.filters.extensions, ['svg']);
    assert.deepEqual(q.filters.folders, ['icons']);
    assert.equal(q.filters.orientation, 'landscape');
    assert.deepEqual(q.filters.width, [{ op: '>', value: 512 }]);
    assert.deepEqual(q.filters.height, [{ op: '<=', value: 100 }]);
    assert.deepEqual(q.filters.tags, ['logo']);
    assert.deepEqual(q.warnings, []);
  });

  it('reads colours as hex or names and aliases jpg/jpeg', () => {
    const q = parseQuery('color:#3366ff colour:red ext:jpg');
    assert.deepEqual(q.filters.colors, [[0x33, 0x66, 0xff], [220, 30, 30]]);
    assert.deepEqual(q.filters.extensions, ['jpg', 'jpeg']);
  });

  it('keeps quoted phrases and quoted filter values', () => {
    const q = parseQuery('"sunset beach" in:"my folder/sub"');
    assert.equal(q.text, 'sunset beach');
    assert.deepEqual(q.filters.folders, ['my folder/sub']);
  });

  it('warns about unreadable filter values instead of failing', () => {
    const q = parseQuery('cat color:blurple orientation:diagonal');
    assert.equal(q.text, 'cat');
    assert.equal(q.warnings.length, 2);
    assert.match(q.warnings[0]!, /blurple/);
  });

  it('treats words with colons that are not filters as text', () => {
    assert.equal(parseQuery('time: 10:30').text, 'time: 10:30');
  });
});
