import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Segmented,
  Space,
  Table,
  Typography,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentStaff } from '../account';
import type { ServiceType, UncoveredElder } from '../api';
import {
  CommunitySelect,
  formatDateTime,
  formatRate,
  PageTitle,
  ProblemAlert,
} from '../components';
import { CoverageMapView, MAP_COLOURS } from './CoverageMapView';
import { useCoverage, useRecomputeCoverage } from './useCoverage';

function Swatch({ colour, square = false }: { colour: string; square?: boolean }) {
  return (
    <span
      style={{
        display: 'inline-block',
        width: 12,
        height: 12,
        marginRight: 6,
        background: colour,
        borderRadius: square ? 2 : 6,
        verticalAlign: 'middle',
      }}
    />
  );
}

/** 服务圈覆盖: per service, the share of elders inside the 15-minute circle, the map, the gaps. */
export function CoveragePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentStaff();
  const [communityId, setCommunityId] = useState<string | undefined>(me.communities[0]?.id);
  const [service, setService] = useState<ServiceType>('MEAL');
  const coverage = useCoverage(communityId);
  const recompute = useRecomputeCoverage();
  const data = coverage.data;
  const selected = data?.services.find((s) => s.service === service);
  const serviceName = t(`enums.service.${service}`);

  const columns: ColumnsType<UncoveredElder> = [
    {
      title: t('coverage.columns.name'),
      dataIndex: 'maskedName',
      render: (name: string) => <strong>{name}</strong>,
    },
    {
      title: t('coverage.nearest'),
      dataIndex: 'nearestMinutes',
      render: (minutes?: number) =>
        minutes === undefined
          ? t('coverage.nearestNone')
          : t('coverage.nearestMinutes', { minutes: minutes.toFixed(1) }),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle
        title={t('coverage.title')}
        extra={
          communityId && (
            <Button
              icon={<ReloadOutlined />}
              loading={recompute.isPending}
              data-testid="coverage-recompute"
              onClick={() => {
                recompute.mutate(communityId, {
                  onSuccess: () => void message.success(t('coverage.recomputed')),
                });
              }}
            >
              {t('coverage.recompute')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap size="large">
          <Space>
            <span>{t('coverage.community')}</span>
            <CommunitySelect
              value={communityId}
              onChange={setCommunityId}
              data-testid="coverage-community"
            />
          </Space>
          {data && (
            <Typography.Text type="secondary" data-testid="coverage-computed-at">
              {t('coverage.computedAt', { time: formatDateTime(data.computedAt) })}
            </Typography.Text>
          )}
        </Space>
        {data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('coverage.definition', { minutes: data.travelLimitMinutes })}
          </Typography.Paragraph>
        )}
      </Card>
      {coverage.isError && (
        <ProblemAlert error={coverage.error} context={t('coverage.loadFailed')} />
      )}
      {recompute.isError && <ProblemAlert error={recompute.error} />}
      {data && (
        <>
          <Row gutter={[16, 16]}>
            {data.services.map((s) => (
              <Col xs={12} lg={6} key={s.service}>
                <Card
                  hoverable
                  onClick={() => {
                    setService(s.service);
                  }}
                  data-testid={`coverage-${s.service}`}
                  style={s.service === service ? { borderColor: '#1f6fb2' } : undefined}
                >
                  <Typography.Title level={4} style={{ marginTop: 0 }}>
                    {t(`enums.service.${s.service}`)}
                  </Typography.Title>
                  <Progress
                    type="circle"
                    size={96}
                    percent={Math.round((s.rate ?? 0) * 1000) / 10}
                    format={() => formatRate(s.rate)}
                  />
                  <div style={{ marginTop: 8 }} data-testid={`coverage-${s.service}-count`}>
                    {s.elders === 0
                      ? t('coverage.noElders')
                      : t('coverage.covered', { covered: s.covered, elders: s.elders })}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            title={t('coverage.mapTitle', { service: serviceName })}
            extra={
              <Segmented<ServiceType>
                value={service}
                onChange={setService}
                options={data.services.map((s) => ({
                  value: s.service,
                  label: t(`enums.service.${s.service}`),
                }))}
              />
            }
          >
            <CoverageMapView map={data.map} service={service} />
            <Space wrap size="large" style={{ marginTop: 12 }}>
              <span>
                <Swatch colour="#adb5bd" square />
                {t('coverage.legend.boundary')}
              </span>
              <span>
                <Swatch colour={MAP_COLOURS.covered} />
                {t('coverage.legend.covered')}
              </span>
              <span>
                <Swatch colour={MAP_COLOURS.uncovered} />
                {t('coverage.legend.uncovered')}
              </span>
              <span>
                <Swatch colour={MAP_COLOURS.provider} />
                {t('coverage.legend.provider')}
              </span>
              <Typography.Text type="secondary">{t('coverage.mapNote')}</Typography.Text>
            </Space>
          </Card>
          <Card title={t('coverage.uncoveredTitle', { service: serviceName })}>
            <Table<UncoveredElder>
              rowKey="elderId"
              data-testid="uncovered-table"
              columns={columns}
              dataSource={selected?.uncovered ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('coverage.noUncovered')} /> }}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
