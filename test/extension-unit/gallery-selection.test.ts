import assert from 'node:assert/strict';
import { actionsFor } from '../../src/webview/actions.ts';
import { SelectionModel } from '../../src/webview/selection.ts';

describe('gallery multi-select: SelectionModel', () => {
  it('a plain click selects one item and moves the focus', () => {
    const selection = new SelectionModel();
    selection.click(3);
    selection.click(5);
    assert.deepEqual(selection.ranges(), [[5, 6]]);
    assert.equal(selection.focus, 5);
  });

  it('Ctrl/Cmd-click adds and removes single items', () => {
    const selection = new SelectionModel();
    selection.click(1);
    selection.click(4, { toggle: true });
    selection.click(6, { toggle: true });
    selection.click(4, { toggle: true });
    assert.deepEqual(selection.ranges(), [[1, 2], [6, 7]]);
    assert.equal(selection.size, 2);
  });

  it('Shift-click selects the range from the anchor, in either direction, replacing the rest', () => {
    const selection = new SelectionModel();
    selection.click(10);
    selection.click(2, { toggle: true });
    selection.click(7, { range: true });
    assert.deepEqual(selection.ranges(), [[2, 8]], 'anchored at the last plain or toggled click (2)');
    selection.click(0, { range: true });
    assert.deepEqual(selection.ranges(), [[0, 3]]);
  });

  it('Ctrl+Shift-click adds a range to what is already selected', () => {
    const selection = new SelectionModel();
    selection.click(0);
    selection.click(5, { toggle: true });
    selection.click(7, { toggle: true, range: true });
    assert.deepEqual(selection.ranges(), [[0, 1], [5, 8]]);
  });

  it('Ctrl+A selects every result, loaded or not, as one range', () => {
    const selection = new SelectionModel();
    selection.selectAll(50_000);
    assert.equal(selection.size, 50_000);
    assert.deepEqual(selection.ranges(), [[0, 50_000]]);
    assert.equal(selection.focus, 0);
  });

  it('a shift-click without an anchor selects just that item', () => {
    const selection = new SelectionModel();
    selection.click(4, { range: true });
    assert.deepEqual(selection.ranges(), [[4, 5]]);
  });
});

describe('gallery actions: context menu and detail pane offer the same', () => {
  it('one item gets every action; several only those that work in bulk, counted', () => {
    const one = actionsFor({ count: 1, cloudAvailable: true, findUsages: true }).map((a) => a.label);
    assert.deepEqual(one, ['Open', 'Reveal in Explorer', 'Copy Path', 'Copy Image', 'Insert Reference', 'Find Similar', 'Find Usages', 'Tag with Gemini', 'Add Tags…', 'Remove Tags…']);
    const many = actionsFor({ count: 3, cloudAvailable: true, findUsages: true }).map((a) => a.label);
    assert.deepEqual(many, ['Reveal 3 in Explorer', 'Copy 3 Paths', 'Insert 3 References', 'Tag 3 with Gemini', 'Add Tags to 3…', 'Remove Tags from 3…']);
    assert.deepEqual(actionsFor({ count: 0, cloudAvailable: true, findUsages: true }), []);
  });

  it('leaves out Find Usages without its command, and says why Gemini is unavailable', () => {
    const actions = actionsFor({ count: 1, cloudAvailable: false, findUsages: false });
    assert.equal(actions.some((a) => a.spec.id === 'findUsages'), false);
    assert.match(actions.find((a) => a.spec.id === 'retag')!.disabled ?? '', /API key/);
    assert.equal(actions.find((a) => a.spec.id === 'open')!.disabled, null);
  });
});
