import type { ReactNode } from 'react';

/**
 * A narrow column's name in a smaller type, with less padding in its header cell, so a matrix of
 * checkboxes (a field's flags, a role's actions) fits a 1440 px window: Required, Release and
 * 推进阶段 fit 52–60 px (a longer name wraps). Spread into the column: `{ ...narrowColumn(title), … }`.
 */
export function narrowColumn(title: ReactNode): { title: ReactNode; onHeaderCell: () => { style: { paddingInline: number } } } {
  return { title: <span style={{ fontSize: 12 }}>{title}</span>, onHeaderCell: () => ({ style: { paddingInline: 2 } }) };
}
