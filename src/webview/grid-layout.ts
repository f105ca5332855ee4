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
