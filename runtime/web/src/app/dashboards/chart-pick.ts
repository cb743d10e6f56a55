/** What echarts says of a click: the component clicked and, for data, the item's index. */
export interface ChartClick {
  componentType?: string;
  dataIndex?: number;
}

/**
 * The data item a click picked (a bar, a funnel stage), or undefined for anything else: a mark
 * line (the workload's mean) has a `dataIndex` of its own, 0 for the first mark, which is no bar.
 *
 * @example pickedIndex({ componentType: 'series', dataIndex: 2 }) // 2
 */
export function pickedIndex(event: ChartClick): number | undefined {
  return event.componentType === 'series' && typeof event.dataIndex === 'number' ? event.dataIndex : undefined;
}
