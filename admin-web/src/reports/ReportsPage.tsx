import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentStaff } from '../account';
import type { ReportFigures } from '../api';
import { useCommunities } from '../communities';
import {
  CommunitySelect,
  formatDateTime,
  formatFen,
  formatRate,
  PageTitle,
  ProblemAlert,
  recentMonths,
} from '../components';
import { CommunitiesChart, CoverageChart, OrdersChart, RatingsChart } from './ReportCharts';
import { downloadReport, useMonthlyReport, type ReportScope } from './useReports';

function Figures({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const items: { key: string; label: string; value: string | number }[] = [
    { key: 'eldersServed', label: t('reports.figures.eldersServed'), value: figures.eldersServed },
    { key: 'ordersPlaced', label: t('reports.figures.ordersPlaced'), value: figures.ordersPlaced },
    { key: 'completed', label: t('reports.figures.completed'), value: figures.completed },
    { key: 'cancelled', label: t('reports.figures.cancelled'), value: figures.cancelled },
    { key: 'escalated', label: t('reports.figures.escalated'), value: figures.escalated },
    {
      key: 'medianMinutes',
      label: t('reports.figures.medianMinutes'),
      value: figures.assignment.medianMinutes ?? '—',
    },
    {
      key: 'p90Minutes',
      label: t('reports.figures.p90Minutes'),
      value: figures.assignment.p90Minutes ?? '—',
    },
    {
      key: 'visitRate',
      label: t('reports.figures.visitRate'),
      value: formatRate(figures.visits.rate),
    },
    {
      key: 'goodRate',
      label: t('reports.figures.goodRate'),
      value: formatRate(figures.ratings.goodRate),
    },
    { key: 'badRatings', label: t('reports.figures.badRatings'), value: figures.ratings.bad },
    { key: 'unrated', label: t('reports.figures.unrated'), value: figures.ratings.unrated },
    { key: 'followUps', label: t('reports.figures.followUps'), value: figures.followUps.cases },
    {
      key: 'callBackRate',
      label: t('reports.figures.callBackRate'),
      value: formatRate(figures.followUps.callBackRate),
    },
    {
      key: 'onTimeClosureRate',
      label: t('reports.figures.onTimeClosureRate'),
      value: formatRate(figures.followUps.onTimeClosureRate),
    },
    {
      key: 'timeBankIssued',
      label: t('reports.figures.timeBankIssued'),
      value: figures.timeBank.issuedMinutes,
    },
    {
      key: 'timeBankRedeemed',
      label: t('reports.figures.timeBankRedeemed'),
      value: figures.timeBank.redeemedMinutes,
    },
    {
      key: 'subsidySpent',
      label: t('reports.figures.subsidySpent'),
      value: formatFen(figures.subsidy.spentFen),
    },
    {
      key: 'subsidyElders',
      label: t('reports.figures.subsidyElders'),
      value: figures.subsidy.elders,
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map((item) => (
        <Col xs={12} md={8} xl={4} key={item.key}>
          <Card size="small">
            <Statistic title={item.label} value={item.value} data-testid={`figure-${item.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 统计报表: a community's or a district's month, with charts and downloads. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentStaff();
  const communities = useCommunities();
  const months = recentMonths();
  const regions = [...new Set((communities.data ?? []).map((c) => c.regionCode))].sort();
  const [kind, setKind] = useState<'community' | 'district'>('community');
  const [communityId, setCommunityId] = useState<string | undefined>(me.communities[0]?.id);
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [month, setMonth] = useState<string>(months[0] ?? '');
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);
  const region = regionCode ?? regions[0];
  const scope: ReportScope =
    kind === 'community' ? { month, communityId } : { month, regionCode: region };
  const ready = kind === 'community' ? communityId !== undefined : region !== undefined;
  const report = useMonthlyReport(scope, ready);
  const data = report.data;

  const download = async (format: 'csv' | 'xlsx') => {
    setDownloading(format);
    try {
      await downloadReport(scope, format);
    } catch {
      void message.error(t('reports.downloadFailed'));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle
        title={t('reports.title')}
        extra={
          <Space>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              disabled={!ready}
              loading={downloading === 'xlsx'}
              onClick={() => void download('xlsx')}
              data-testid="download-xlsx"
            >
              {t('reports.downloadXlsx')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              disabled={!ready}
              loading={downloading === 'csv'}
              onClick={() => void download('csv')}
              data-testid="download-csv"
            >
              {t('reports.downloadCsv')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Space wrap size="large">
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as 'community' | 'district');
            }}
            optionType="button"
            options={[
              { value: 'community', label: t('reports.scopeCommunity') },
              { value: 'district', label: t('reports.scopeDistrict') },
            ]}
            data-testid="report-scope"
          />
          {kind === 'community' ? (
            <Space>
              <span>{t('reports.community')}</span>
              <CommunitySelect
                value={communityId}
                onChange={setCommunityId}
                data-testid="report-community"
              />
            </Space>
          ) : (
            <Space>
              <span>{t('reports.region')}</span>
              <Select
                value={region}
                onChange={setRegionCode}
                style={{ width: 160 }}
                data-testid="report-region"
                options={regions.map((r) => ({ value: r, label: r }))}
              />
            </Space>
          )}
          <Space>
            <span>{t('reports.month')}</span>
            <Select
              value={month}
              onChange={setMonth}
              style={{ width: 140 }}
              data-testid="report-month"
              options={months.map((m) => ({ value: m, label: m }))}
            />
          </Space>
          {data && (
            <Typography.Text type="secondary">
              {t('reports.generatedAt', { time: formatDateTime(data.generatedAt) })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {report.isError && <ProblemAlert error={report.error} context={t('reports.loadFailed')} />}
      {data && (
        <>
          <Figures figures={data.total} />
          {data.unavailable.length > 0 && (
            <Alert
              type="info"
              showIcon
              data-testid="report-gaps"
              title={t('reports.gapsTitle')}
              description={data.unavailable
                .map((gap) => t(`reports.section.${gap.section}`))
                .join('、')}
            />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t('reports.charts.orders')}>
                <OrdersChart figures={data.total} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('reports.charts.coverage')}>
                <CoverageChart figures={data.total} />
              </Card>
            </Col>
          </Row>
          <Card title={t('reports.charts.ratings')}>
            <RatingsChart report={data} />
          </Card>
          {data.scope === 'DISTRICT' && (
            <Card title={t('reports.charts.communities')}>
              <CommunitiesChart report={data} />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
