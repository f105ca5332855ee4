import assert from 'node:assert/strict';
import { gridWindow, layoutSections, moveInLayout, moveSelection, pagesCovering, rowOfItem, visibleRows } from '../../src/webview/grid-layout.ts';

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

describe('grid sections (folder groups, "less related")', () => {
  const sections = [
    { label: null, start: 0, count: 5 },
    { label: 'Less related', start: 5, count: 3 },
  ];

  it('starts each section on a new row under its heading', () => {
    const layout = layoutSections(sections, 4, 100, 30);
    assert.deepEqual(
      layout.rows.map((row) => [row.top, row.heading ?? null, row.first, row.count]),
      [
        [0, null, 0, 4],
        [100, null, 4, 1],
        [200, 'Less related', 5, 0],
        [230, null, 5, 3],
      ],
    );
    assert.equal(layout.height, 330);
  });

  it('finds the rows in view with binary search, and the row of an item', () => {
    const many = layoutSections([{ label: 'a/', start: 0, count: 10_000 }, { label: 'b/', start: 10_000, count: 10_000 }], 10, 100, 30);
    const [start, end] = visibleRows(many, 100_000, 300, 0);
    const shown = many.rows.slice(start, end);
    assert.ok(shown.some((row) => row.heading === 'b/'), 'the second heading is in view');
    assert.ok(end - start <= 6, `a screenful of rows, not ${end - start}`);
    assert.equal(many.rows[rowOfItem(many, 10_000)]!.first, 10_000);
    assert.equal(many.rows[rowOfItem(many, 9_999)]!.first, 9_990);
    assert.equal(rowOfItem(many, 20_000), -1);
  });

  it('arrow keys cross into the next section keeping the column where they can', () => {
    const layout = layoutSections(sections, 4, 100, 30);
    assert.equal(moveInLayout(layout, 2, 'ArrowDown', 8), 4, 'the short second row has one item');
    assert.equal(moveInLayout(layout, 4, 'ArrowDown', 8), 5, 'into the less related section');
    assert.equal(moveInLayout(layout, 7, 'ArrowUp', 8), 4);
    assert.equal(moveInLayout(layout, 1, 'ArrowUp', 8), 1, 'stays on the first row');
    assert.equal(moveInLayout(layout, 5, 'ArrowRight', 8), 6);
    assert.equal(moveInLayout(layout, 0, 'End', 8), 7);
  });
});
