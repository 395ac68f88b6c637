import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import type { TimeBankSummary } from '../api';

// only what this chart uses, drawn as SVG (crisp, and its labels are text a test can read)
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Minutes the pool issued and took back per month (bars), and what people held at month end (line). */
export function TimeBankChart({ months }: { months: TimeBankSummary[] }) {
  const { t } = useTranslation();
  const option: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1, name: t('timeBank.minutesAxis') },
    series: [
      { name: t('timeBank.issued'), type: 'bar', data: months.map((m) => m.issued) },
      { name: t('timeBank.redeemed'), type: 'bar', data: months.map((m) => m.redeemed) },
      { name: t('timeBank.outstanding'), type: 'line', data: months.map((m) => m.outstanding) },
    ],
  };
  return (
    <div data-testid="timebank-chart">
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        opts={{ renderer: 'svg' }}
        style={{ height: 300 }}
        notMerge
      />
    </div>
  );
}
