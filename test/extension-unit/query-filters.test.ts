import assert from 'node:assert/strict';
import { parseQuery, queryTokens } from '../../src/core/query.ts';
import { filterToken, hasFilter, toggleFilter } from '../../src/webview/query-filters.ts';

describe('facet filters in the query text', () => {
  it('appends a filter, and removes it on a second click', () => {
    const once = toggleFilter('red logo', 'ext', 'svg');
    assert.equal(once, 'red logo ext:svg');
    assert.equal(toggleFilter(once, 'ext', 'svg'), 'red logo');
  });

  it('matches filters case-insensitively', () => {
    assert.equal(hasFilter('logo EXT:SVG', 'ext', 'svg'), true);
    assert.equal(toggleFilter('logo EXT:SVG', 'ext', 'svg'), 'logo');
  });

  it('quotes values with spaces and keeps quoted tokens whole', () => {
    assert.equal(filterToken('in', 'my images'), 'in:"my images"');
    assert.deepEqual(queryTokens('cat in:"my images" ext:png'), ['cat', 'in:"my images"', 'ext:png']);
    assert.equal(toggleFilter('cat in:"my images"', 'in', 'my images'), 'cat');
  });

  it('produces filters the engine query parser understands', () => {
    const query = ['in', 'ext', 'orientation', 'color'].reduce(
      (q, key, i) => toggleFilter(q, key, ['my images', 'svg', 'landscape', 'red'][i]!),
      'logo',
    );
    const parsed = parseQuery(query);
    assert.equal(parsed.text, 'logo');
    assert.deepEqual(parsed.filters.folders, ['my images']);
    assert.deepEqual(parsed.filters.extensions, ['svg']);
    assert.equal(parsed.filters.orientation, 'landscape');
    assert.equal(parsed.filters.colors.length, 1);
    assert.deepEqual(parsed.warnings, []);
  });
});
