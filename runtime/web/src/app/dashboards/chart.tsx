import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { pickedIndex } from './chart-pick.ts';
import { echarts, type EChartsOption } from './echarts-setup.ts';

/**
 * One echarts chart that follows its option and its container's size, drawn in the UI language.
 * For screen readers it is an image named `label`, described by what echarts says it shows ("the
 * data for New is 12, …"). `onPick` gets the index of the data item clicked (a bar, a funnel stage).
 */
export function Chart({ option, height = 280, label, onPick }: { option: EChartsOption; height?: number; label: string; onPick?: (dataIndex: number) => void }) {
  const { locale } = useI18n();
  const node = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  const described = useId();
  const [description, setDescription] = useState('');
  useEffect(() => { pick.current = onPick; });
  // A new instance for each language: echarts reads its locale (its words for a chart, a bar, "the
  // data for") only when it starts, and otherwise takes the language the browser had as it loaded.
  useEffect(() => {
    const host = node.current;
    if (!host) return;
    const instance = echarts.init(host, undefined, { renderer: 'canvas', locale: locale === 'zh' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.on('click', (event) => {
      const index = pickedIndex(event);
      if (index !== undefined) pick.current?.(index);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host);
    // echarts writes its description as the aria-label (and role=img) of the element it draws in,
    // each time it draws: taken as the description of ours, which keeps its own name.
    const words = new MutationObserver(() => {
      const said = host.getAttribute('aria-label');
      if (said === null) return;
      setDescription(said);
      host.removeAttribute('aria-label');
      host.removeAttribute('role');
    });
    words.observe(host, { attributes: true, attributeFilter: ['aria-label', 'role'] });
    return () => {
      words.disconnect();
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...(option as object) }, true);
  }, [option, locale]);
  return (
    <div role="img" aria-label={label} aria-describedby={description ? described : undefined} style={{ width: '100%', height }}>
      <div ref={node} style={{ width: '100%', height: '100%' }} />
      <span id={described} hidden>{description}</span>
    </div>
  );
}
