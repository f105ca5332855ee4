import assert from 'node:assert/strict';
import { MAX_PAGE, parseWebviewMessage } from '../../src/webview/protocol.ts';

describe('gallery protocol: parseWebviewMessage', () => {
  it('accepts well-formed messages of every kind', () => {
    const messages = [
      { type: 'ready' },
      { type: 'search', queryId: 3, query: 'red logo ext:svg', sort: 'relevance', group: false },
      { type: 'search', queryId: 3, query: '', sort: 'modified', group: true },
      { type: 'similar', queryId: 4, folder: 0, path: 'icons/a.png', group: false },
      { type: 'page', queryId: 4, offset: 200, limit: 200 },
      { type: 'detail', folder: 1, path: 'a.png' },
      { type: 'open', folder: 0, path: 'a.png' },
      { type: 'reveal', folder: 0, path: 'a.png' },
      { type: 'retag', folder: 0, path: 'a.png' },
      { type: 'setTags', folder: 0, path: 'a.png', tags: ['logo', 'brand'] },
      { type: 'copyPath', folder: 0, path: 'a.png' },
      { type: 'copyImage', requestId: 7, folder: 0, path: 'a.png' },
      { type: 'insert', folder: 0, path: 'a.png' },
      { type: 'findUsages', folder: 0, path: 'a.png' },
      { type: 'bulk', queryId: 2, ranges: [[0, 3], [7, 8]], action: 'addTags', tags: ['logo'] },
      { type: 'bulk', queryId: 2, ranges: [[0, 50_000]], action: 'copyPaths', tags: [] },
      { type: 'saveSearch', query: 'logo ext:svg' },
      { type: 'deleteSearch', name: 'Logos' },
      { type: 'openUsage', folder: 0, file: 'docs/guide.md', line: 12, column: 5, length: 18 },
    ];
    for (const message of messages) assert.deepEqual(parseWebviewMessage(message), message);
  });

  it('refuses usages without a 1-based line and column', () => {
    assert.equal(parseWebviewMessage({ type: 'openUsage', folder: 0, file: 'a.md', line: 0, column: 1, length: 3 }), null);
    assert.equal(parseWebviewMessage({ type: 'openUsage', folder: 0, file: 'a.md', line: 2, column: 0, length: 3 }), null);
    assert.equal(parseWebviewMessage({ type: 'openUsage', folder: 0, file: '', line: 2, column: 1, length: 3 }), null);
  });

  it('refuses a Copy Image request without a request id to answer', () => {
    assert.equal(parseWebviewMessage({ type: 'copyImage', folder: 0, path: 'a.png' }), null);
    assert.equal(parseWebviewMessage({ type: 'copyImage', requestId: -1, folder: 0, path: 'a.png' }), null);
  });

  it('keeps only the known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'open', folder: 0, path: 'a.png', command: 'rm -rf' }), { type: 'open', folder: 0, path: 'a.png' });
  });

  it('refuses unknown types and non-objects', () => {
    for (const data of [null, 'ready', 42, [], { type: 'eval', code: '1' }, { kind: 'ready' }]) assert.equal(parseWebviewMessage(data), null, JSON.stringify(data));
  });

  it('refuses wrong field types and out-of-range numbers', () => {
    const bad = [
      { type: 'search', queryId: '1', query: 'x' },
      { type: 'search', queryId: -1, query: 'x' },
      { type: 'search', queryId: 1, query: 7 },
      { type: 'open', folder: 0.5, path: 'a.png' },
      { type: 'open', folder: 0, path: '' },
      { type: 'open', folder: 0 },
      { type: 'page', queryId: 1, offset: 0, limit: MAX_PAGE + 1 },
      { type: 'page', queryId: 1, offset: Number.NaN, limit: 10 },
      { type: 'setTags', folder: 0, path: 'a.png', tags: 'logo' },
      { type: 'setTags', folder: 0, path: 'a.png', tags: ['ok', 3] },
      { type: 'search', queryId: 1, query: 'x'.repeat(5000), sort: 'relevance', group: false },
      { type: 'search', queryId: 1, query: 'x', sort: 'colour', group: false },
      { type: 'search', queryId: 1, query: 'x', sort: 'name' },
      { type: 'similar', queryId: 1, folder: 0, path: 'a.png' },
      { type: 'bulk', queryId: 1, ranges: [[3, 3]], action: 'reveal', tags: [] },
      { type: 'bulk', queryId: 1, ranges: [[5, 9], [2, 4]], action: 'reveal', tags: [] },
      { type: 'bulk', queryId: 1, ranges: [[0, 2], [1, 4]], action: 'reveal', tags: [] },
      { type: 'bulk', queryId: 1, ranges: [[0, 1]], action: 'delete', tags: [] },
      { type: 'bulk', queryId: 1, ranges: [[0, 1]], action: 'reveal' },
      { type: 'bulk', queryId: 1, ranges: [[0, -1]], action: 'reveal', tags: [] },
      { type: 'deleteSearch', name: '' },
      { type: 'saveSearch' },
    ];
    for (const data of bad) assert.equal(parseWebviewMessage(data), null, JSON.stringify(data).slice(0, 80));
  });
});
