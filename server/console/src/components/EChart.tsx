// ECharts, loaded on demand (tree-shaken core + the charts we use), resized with its container.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, LineChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, SVGRenderer]);

export default function EChart({ option, height = 260, label }: { option: echarts.EChartsCoreOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.setOption({ textStyle: { fontFamily: '"Noto Sans SC", "Microsoft YaHei", sans-serif' }, ...option });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ height, width: '100%' }} role="img" aria-label={label} data-testid="chart" />;
}
