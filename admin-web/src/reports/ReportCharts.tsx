// the ES module build: the CommonJS one (lib/) reaches the production bundle as a module object, not
// the component (React error 130), though the dev server's interop hides it
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import type { MonthlyReport, ReportFigures } from '../api';

// only what these charts use, drawn as SVG (crisp, and its labels are text a test can read)
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const SVG = { renderer: 'svg' as const };

function Chart({ option, height }: { option: EChartsOption; height: number }) {
  return (
    <ReactEChartsCore echarts={echarts} option={option} opts={SVG} style={{ height }} notMerge />
  );
}

/** Orders per service, stacked by channel (app / phone). */
export function OrdersChart({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const services = figures.ordersByService.map((s) => t(`enums.service.${s.service}`));
  const option: EChartsOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: services },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('reports.charts.app'),
        type: 'bar',
        stack: 'orders',
        data: figures.ordersByService.map((s) => s.app),
      },
      {
        name: t('reports.charts.phone'),
        type: 'bar',
        stack: 'orders',
        data: figures.ordersByService.map((s) => s.phone),
      },
    ],
  };
  return (
    <div data-testid="orders-chart">
      <Chart option={option} height={320} />
    </div>
  );
}

/** 15-minute circle coverage per service, in percent. */
export function CoverageChart({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const option: EChartsOption = {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
    grid: { left: 48, right: 16, top: 24, bottom: 30 },
    xAxis: {
      type: 'category',
      data: figures.coverage.map((c) => t(`enums.service.${c.service}`)),
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('reports.charts.coverage'),
        type: 'bar',
        data: figures.coverage.map((c) =>
          c.rate === undefined ? 0 : Math.round(c.rate * 1000) / 10,
        ),
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
  return (
    <div data-testid="coverage-chart">
      <Chart option={option} height={320} />
    </div>
  );
}

/** A share (0..1) as a percentage with one decimal for a chart; '-' (no bar) when absent. */
function percent(rate: number | undefined): number | '-' {
  return rate === undefined ? '-' : Math.round(rate * 1000) / 10;
}

/**
 * The good-rating rate (of rated orders) and the call-back rate (of bad-rating follow-up cases) of
 * each community; a community with nothing rated or no case has no bar.
 */
export function RatingsChart({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const option: EChartsOption = {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === '-' ? '—' : `${String(v)}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 60 },
    xAxis: {
      type: 'category',
      data: report.communities.map((c) => c.name),
      axisLabel: { interval: 0, rotate: report.communities.length > 1 ? 20 : 0 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('reports.figures.goodRate'),
        type: 'bar',
        data: report.communities.map((c) => percent(c.ratings.goodRate)),
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
      {
        name: t('reports.figures.callBackRate'),
        type: 'bar',
        data: report.communities.map((c) => percent(c.followUps.callBackRate)),
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
  return (
    <div data-testid="ratings-chart">
      <Chart option={option} height={320} />
    </div>
  );
}

/** A district: orders and the visit rate of each community. */
export function CommunitiesChart({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const option: EChartsOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 60 },
    xAxis: {
      type: 'category',
      data: report.communities.map((c) => c.name),
      axisLabel: { interval: 0, rotate: 20 },
    },
    yAxis: [
      { type: 'value', name: t('reports.charts.orderCount'), minInterval: 1 },
      {
        type: 'value',
        name: t('reports.figures.visitRate'),
        max: 100,
        axisLabel: { formatter: '{value}%' },
      },
    ],
    series: [
      {
        name: t('reports.charts.orderCount'),
        type: 'bar',
        data: report.communities.map((c) => c.ordersPlaced),
      },
      {
        name: t('reports.figures.visitRate'),
        type: 'line',
        yAxisIndex: 1,
        data: report.communities.map((c) =>
          c.visits.rate === undefined ? 0 : Math.round(c.visits.rate * 1000) / 10,
        ),
      },
    ],
  };
  return (
    <div data-testid="communities-chart">
      <Chart option={option} height={340} />
    </div>
  );
}
