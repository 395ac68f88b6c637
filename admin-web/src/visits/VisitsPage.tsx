import {
  Button,
  Card,
  Col,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { FormOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentStaff, usePermissions } from '../account';
import type { UnvisitedElder, VisitRecord } from '../api';
import { MobilityTag } from '../elders/labels';
import {
  CommunitySelect,
  formatDateTime,
  formatRate,
  PageTitle,
  ProblemAlert,
  recentMonths,
} from '../components';
import { RecordVisitDrawer } from './RecordVisitDrawer';
import { useVisitMonth } from './useVisits';

/** 月探访: a community's month of visits to its special-difficulty elders, and recording one. */
export function VisitsPage() {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  const can = usePermissions();
  const months = recentMonths();
  const [communityId, setCommunityId] = useState<string | undefined>(me.communities[0]?.id);
  const [month, setMonth] = useState<string>(months[0] ?? '');
  const [visiting, setVisiting] = useState<UnvisitedElder | null>(null);
  const visits = useVisitMonth(communityId, month);
  const data = visits.data;

  const unvisitedColumns: ColumnsType<UnvisitedElder> = [
    {
      title: t('visits.columns.name'),
      dataIndex: 'maskedName',
      render: (name: string) => <strong>{name}</strong>,
    },
    { title: t('visits.columns.age'), dataIndex: 'age', width: 80 },
    {
      title: t('visits.columns.mobility'),
      dataIndex: 'mobilityLevel',
      render: (_, row) => <MobilityTag level={row.mobilityLevel} />,
    },
    {
      title: t('visits.columns.status'),
      dataIndex: 'overdue',
      render: (overdue: boolean, row) =>
        overdue ? (
          <Tag color="red" data-testid="overdue-tag">
            {t('visits.overdue')}
          </Tag>
        ) : (
          <Tag color="blue">
            {t('visits.onTime')} · {t('visits.days', { count: row.daysLeft })}
          </Tag>
        ),
    },
    {
      title: t('visits.lastVisited'),
      dataIndex: 'lastVisitedAt',
      render: (at?: string) => (at ? formatDateTime(at) : t('visits.never')),
    },
    ...(can.act && data && !data.closed
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, row: UnvisitedElder) => (
              <Button
                type="primary"
                icon={<FormOutlined />}
                onClick={() => {
                  setVisiting(row);
                }}
                data-testid="record-visit"
              >
                {t('visits.record')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const visitColumns: ColumnsType<VisitRecord> = [
    {
      title: t('visits.columns.name'),
      dataIndex: 'elderMaskedName',
      render: (name: string) => <strong>{name}</strong>,
    },
    {
      title: t('visits.columns.visitedAt'),
      dataIndex: 'visitedAt',
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('visits.columns.method'),
      dataIndex: 'method',
      render: (_, row) => t(`visits.method.${row.method}`),
    },
    { title: t('visits.columns.visitor'), dataIndex: 'visitorName' },
    {
      title: t('visits.columns.health'),
      dataIndex: 'health',
      render: (_, row) => t(`visits.condition.${row.health}`),
    },
    {
      title: t('visits.columns.risks'),
      dataIndex: 'safetyRisks',
      render: (_, row) =>
        row.safetyRisks.length === 0
          ? t('visits.none')
          : row.safetyRisks.map((risk) => (
              <Tag color="orange" key={risk}>
                {t(`visits.risk.${risk}`)}
              </Tag>
            )),
    },
    {
      title: t('visits.columns.followUp'),
      dataIndex: 'followUp',
      render: (text?: string) => text ?? '—',
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle title={t('visits.title')} />
      <Typography.Paragraph type="secondary">{t('visits.intro')}</Typography.Paragraph>
      <Card>
        <Space wrap size="large">
          <Space>
            <span>{t('visits.community')}</span>
            <CommunitySelect
              value={communityId}
              onChange={setCommunityId}
              data-testid="visits-community"
            />
          </Space>
          <Space>
            <span>{t('visits.month')}</span>
            <Select
              value={month}
              onChange={setMonth}
              style={{ width: 140 }}
              data-testid="visits-month"
              options={months.map((m) => ({ value: m, label: m }))}
            />
          </Space>
        </Space>
      </Card>
      {visits.isError && <ProblemAlert error={visits.error} context={t('visits.loadFailed')} />}
      {data && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('visits.planned')}
                  value={data.planned}
                  data-testid="visits-planned"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('visits.visited')}
                  value={data.visited}
                  data-testid="visits-visited"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('visits.rate')}
                  value={formatRate(data.rate)}
                  data-testid="visits-rate"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('visits.daysLeft')}
                  value={data.closed ? t('visits.closed') : data.daysLeft}
                  data-testid="visits-days-left"
                />
              </Card>
            </Col>
          </Row>
          <Card title={`${t('visits.unvisitedTitle')}（${data.unvisited.length.toString()}）`}>
            <Table<UnvisitedElder>
              rowKey="elderId"
              data-testid="unvisited-table"
              columns={unvisitedColumns}
              dataSource={data.unvisited}
              loading={visits.isFetching}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('visits.noUnvisited')} /> }}
              scroll={{ x: 'max-content' }}
            />
          </Card>
          <Card title={t('visits.visitedTitle')}>
            <Table<VisitRecord>
              rowKey="id"
              data-testid="visits-table"
              columns={visitColumns}
              dataSource={data.visits}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('visits.noVisits')} /> }}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        </>
      )}
      {can.act && (
        <RecordVisitDrawer
          elder={visiting}
          allowedMethods={data?.allowedMethods ?? ['HOME']}
          onClose={() => {
            setVisiting(null);
          }}
        />
      )}
    </Space>
  );
}
