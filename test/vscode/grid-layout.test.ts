import assert from 'node:assert/strict';
import { gridWindow, moveSelection, pagesCovering } from '../../src/webview/grid-layout.ts';

describe('virtual grid geometry', () => {
  const base = { viewportHeight: 600, viewportWidth: 1000, cellWidth: 100, cellHeight: 150, overscanRows: 2 };

  it('renders only the visible rows plus overscan of 50,000 items', () => {
    const view = gridWindow({ ...base, scrollTop: 150 * 1000, total: 50_000 });
    assert.equal(view.columns, 10);
    assert.equal(view.rows, 5000);
    assert.equal(view.contentHeight, 750_000);
    assert.equal(view.start, (1000 - 2) * 10);
    assert.equal(view.end, (1004 + 2) * 10);
    assert.ok(view.end - view.start <= 100, 'a screenful, not the whole list');
  });

  it('clamps at the top and at the end of a partial last row', () => {
    const top = gridWindow({ ...base, scrollTop: 0, total: 35 });
    assert.equal(top.start, 0);
    assert.equal(top.end, 35);
    assert.equal(top.rows, 4);
  });

  it('keeps at least one column in a narrow pane and handles no items', () => {
    assert.equal(gridWindow({ ...base, viewportWidth: 40, scrollTop: 0, total: 3 }).columns, 1);
    const empty = gridWindow({ ...base, scrollTop: 0, total: 0 });
    assert.deepEqual([empty.start, empty.end, empty.contentHeight], [0, 0, 0]);
  });

  it('lists the pages covering a range', () => {
    assert.deepEqual(pagesCovering(0, 0, 200), []);
    assert.deepEqual(pagesCovering(0, 200, 200), [0]);
    assert.deepEqual(pagesCovering(180, 420, 200), [0, 1, 2]);
  });

  it('moves the selection with arrows, pages, Home and End, clamped', () => {
    assert.equal(moveSelection(-1, 'ArrowRight', 10, 50), 0);
    assert.equal(moveSelection(5, 'ArrowRight', 10, 50), 6);
    assert.equal(moveSelection(5, 'ArrowDown', 10, 50), 15);
    assert.equal(moveSelection(45, 'ArrowDown', 10, 50), 49);
    assert.equal(moveSelection(5, 'ArrowUp', 10, 50), 0);
    assert.equal(moveSelection(5, 'PageDown', 10, 50, 3), 35);
    assert.equal(moveSelection(5, 'End', 10, 50), 49);
    assert.equal(moveSelection(5, 'Home', 10, 50), 0);
    assert.equal(moveSelection(5, 'a', 10, 50), 5);
    assert.equal(moveSelection(0, 'ArrowDown', 10, 0), -1);
  });
});
