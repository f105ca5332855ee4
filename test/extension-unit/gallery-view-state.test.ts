import assert from 'node:assert/strict';
import { DEFAULT_VIEW_STATE, restoreViewState, THUMB_SIZES } from '../../src/webview/view-state.ts';

describe('gallery view state (setState/getState)', () => {
  it('keeps a "find similar" request, so its results come back after the panel was hidden', () => {
    const saved = { ...DEFAULT_VIEW_STATE, request: { kind: 'similar', folder: 1, path: 'icons/cat.png' }, scrollTop: 480 };
    const restored = restoreViewState(JSON.parse(JSON.stringify(saved)));
    assert.deepEqual(restored.request, { kind: 'similar', folder: 1, path: 'icons/cat.png' });
    assert.equal(restored.scrollTop, 480);
  });

  it('round-trips every view option', () => {
    const saved = { request: { kind: 'search', query: 'logo ext:svg' }, scrollTop: 10, selected: { folder: 0, path: 'a.png' }, sort: 'size', groupByFolder: true, thumbSize: 200, background: 'dark', facetsOpen: true };
    assert.deepEqual(restoreViewState(saved), saved);
  });

  it('reads the state an older version saved ({ query, scrollTop, selected })', () => {
    const restored = restoreViewState({ query: 'red', scrollTop: 5, selected: { folder: 0, path: 'x.png' } });
    assert.deepEqual(restored.request, { kind: 'search', query: 'red' });
    assert.deepEqual(restored.selected, { folder: 0, path: 'x.png' });
    assert.equal(restored.sort, 'relevance');
  });

  it('falls back field by field on nonsense, and clamps the thumbnail size', () => {
    const restored = restoreViewState({ request: { kind: 'similar', folder: -1, path: '' }, sort: 'colour', background: 'pink', thumbSize: 9000, scrollTop: -3, facetsOpen: 'yes' });
    assert.deepEqual(restored, { ...DEFAULT_VIEW_STATE, thumbSize: THUMB_SIZES.max });
    assert.deepEqual(restoreViewState(undefined), DEFAULT_VIEW_STATE);
    assert.deepEqual(restoreViewState('garbage'), DEFAULT_VIEW_STATE);
  });
});
