import { useEffect, useRef } from 'react';
import { pickedIndex } from './chart-pick.ts';
import { echarts, type EChartsOption } from './echarts-setup.ts';

/**
 * One echarts chart that follows its option and its container's size; described for screen
 * readers. `onPick` gets the index of the data item clicked (a bar, a funnel stage).
 */
export function Chart({ option, height = 280, label, onPick }: { option: EChartsOption; height?: number; label: string; onPick?: (dataIndex: number) => void }) {
  const node = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  useEffect(() => { pick.current = onPick; });
  useEffect(() => {
    if (!node.current) return;
    const instance = echarts.init(node.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event) => {
      const index = pickedIndex(event);
      if (index !== undefined) pick.current?.(index);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...(option as object) }, true);
  }, [option]);
  return <div ref={node} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
