// Geometry of the virtualized grid: fixed-size cells, so the visible window is pure arithmetic.

export interface GridMetrics {
  scrollTop: number;
  viewportHeight: number;
  viewportWidth: number;
  cellWidth: number;
  cellHeight: number;
  total: number;
  /** Extra rows rendered above and below the viewport. */
  overscanRows: number;
}

export interface GridWindow {
  columns: number;
  rows: number;
  /** Height of the whole scrollable content in px. */
  contentHeight: number;
  /** First and one-past-last item index to render. */
  start: number;
  end: number;
}

export function gridWindow(m: GridMetrics): GridWindow {
  const columns = Math.max(1, Math.floor(m.viewportWidth / m.cellWidth));
  const rows = Math.ceil(m.total / columns);
  const firstRow = Math.max(0, Math.floor(m.scrollTop / m.cellHeight) - m.overscanRows);
  const lastRow = Math.min(rows, Math.ceil((m.scrollTop + m.viewportHeight) / m.cellHeight) + m.overscanRows);
  return {
    columns,
    rows,
    contentHeight: rows * m.cellHeight,
    start: Math.min(m.total, firstRow * columns),
    end: Math.min(m.total, lastRow * columns),
  };
}

/** Indexes of the pages (of `pageSize` items) that cover items [start, end). */
export function pagesCovering(start: number, end: number, pageSize: number): number[] {
  const pages: number[] = [];
  for (let page = Math.floor(start / pageSize); page * pageSize < end; page++) pages.push(page);
  return pages;
}

/** The selection after an arrow key, clamped to the items. */
export function moveSelection(index: number, key: string, columns: number, total: number, pageRows = 1): number {
  if (total === 0) return -1;
  if (index < 0) return 0;
  const step: Record<string, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -columns,
    ArrowDown: columns,
    PageUp: -columns * pageRows,
    PageDown: columns * pageRows,
  };
  if (key === 'Home') return 0;
  if (key === 'End') return total - 1;
  const delta = step[key];
  if (delta === undefined) return index;
  return Math.min(total - 1, Math.max(0, index + delta));
}

/** A run of results under one heading: a folder when grouping, "less related" for weak matches. */
export interface Section {
  /** null: no heading row (the first, unlabelled run). */
  label: string | null;
  start: number;
  count: number;
}

export interface LayoutRow {
  top: number;
  /** Set on heading rows, which hold no items. */
  heading?: string;
  /** First item index on the row and how many items it holds (0 for headings). */
  first: number;
  count: number;
}

export interface SectionLayout {
  columns: number;
  rows: LayoutRow[];
  height: number;
  cellHeight: number;
}

/** Rows of a grid whose sections each start on a new row, under an optional heading row. */
export function layoutSections(sections: readonly Section[], columns: number, cellHeight: number, headingHeight: number): SectionLayout {
  const rows: LayoutRow[] = [];
  let top = 0;
  for (const section of sections) {
    if (section.count <= 0) continue;
    if (section.label !== null) {
      rows.push({ top, heading: section.label, first: section.start, count: 0 });
      top += headingHeight;
    }
    for (let offset = 0; offset < section.count; offset += columns) {
      rows.push({ top, first: section.start + offset, count: Math.min(columns, section.count - offset) });
      top += cellHeight;
    }
  }
  return { columns, rows, height: top, cellHeight };
}

/** Index of the last row starting at or above `y`. */
function rowAt(layout: SectionLayout, y: number): number {
  let low = 0;
  let high = layout.rows.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (layout.rows[mid]!.top <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The rows [start, end) to render for a viewport, with `overscanPx` extra above and below. */
export function visibleRows(layout: SectionLayout, scrollTop: number, viewportHeight: number, overscanPx: number): [number, number] {
  if (layout.rows.length === 0) return [0, 0];
  const start = rowAt(layout, Math.max(0, scrollTop - overscanPx));
  const end = rowAt(layout, scrollTop + viewportHeight + overscanPx) + 1;
  return [start, end];
}

/** The row holding this item (never a heading), or -1. */
export function rowOfItem(layout: SectionLayout, index: number): number {
  // Rows are ordered by `first`; a heading shares it with the row after it, so the last row whose
  // `first` is at most `index` is the item row, if any holds it.
  let low = 0;
  let high = layout.rows.length - 1;
  let candidate = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (layout.rows[mid]!.first <= index) {
      candidate = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  const row = layout.rows[candidate];
  return row && row.count > 0 && index < row.first + row.count ? candidate : -1;
}

/** Arrow keys across rows of different sections keep the column where they can. */
export function moveInLayout(layout: SectionLayout, index: number, key: string, total: number, pageRows = 1): number {
  const rowSteps: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, PageUp: -pageRows, PageDown: pageRows };
  const steps = rowSteps[key];
  if (steps === undefined || index < 0) return moveSelection(index, key, layout.columns, total, pageRows);
  const from = rowOfItem(layout, index);
  if (from < 0) return index;
  const column = index - layout.rows[from]!.first;
  const itemRows = layout.rows.map((row, i) => (row.count > 0 ? i : -1)).filter((i) => i >= 0);
  const position = itemRows.indexOf(from);
  const target = layout.rows[itemRows[Math.min(itemRows.length - 1, Math.max(0, position + steps))]!]!;
  return target.first + Math.min(column, target.count - 1);
}
