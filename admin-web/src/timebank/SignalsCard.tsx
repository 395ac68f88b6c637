import { Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { TimeBankSignal } from '../api';
import { ProblemAlert } from '../components';
import { formatDateTime } from '../components/format';
import { useTimeBankSignals } from './useTimeBank';

const KIND_COLOUR: Record<TimeBankSignal['kind'], string> = {
  CONCENTRATED_EARNING: 'orange',
  REPEATED_CAP_REFUSALS: 'gold',
  IMPLAUSIBLE_TRAVEL: 'red',
};

/**
 * 异常线索: accounts that mostly serve each other, repeated attempts over the caps, check-ins too far
 * apart for the time between them. Signals to look into, not findings.
 */
export function SignalsCard({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const signals = useTimeBankSignals(communityId);
  const columns: ColumnsType<TimeBankSignal> = [
    {
      title: t('timeBank.signals.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (kind: TimeBankSignal['kind']) => (
        <Tag color={KIND_COLOUR[kind]} data-testid="signal-kind">
          {t(`timeBank.signals.kinds.${kind}`)}
        </Tag>
      ),
    },
    {
      title: t('timeBank.signals.parties'),
      key: 'parties',
      width: 220,
      render: (_, signal) =>
        signal.parties
          .map((party) => `${t(`timeBank.signals.roles.${party.role}`)} ${party.maskedName}`)
          .join('、'),
    },
    { title: t('timeBank.signals.explanation'), dataIndex: 'explanation' },
    {
      title: t('timeBank.signals.orders'),
      key: 'orders',
      width: 90,
      render: (_, signal) => signal.orderIds.length,
    },
  ];
  return (
    <Card title={t('timeBank.signals.title')} data-testid="timebank-signals">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {signals.error && (
          <ProblemAlert error={signals.error} context={t('timeBank.signals.failed')} />
        )}
        <Typography.Text type="secondary">{t('timeBank.signals.hint')}</Typography.Text>
        <Table<TimeBankSignal>
          rowKey={(signal) =>
            `${signal.kind}-${signal.parties.map((p) => p.maskedName).join('-')}-${signal.explanation}`
          }
          size="small"
          columns={columns}
          dataSource={signals.data?.signals ?? []}
          loading={signals.isFetching}
          pagination={false}
          locale={{ emptyText: t('timeBank.signals.none') }}
        />
        {signals.data && (
          <Typography.Text type="secondary" data-testid="signals-evaluated-at">
            {t('timeBank.signals.evaluatedAt', { at: formatDateTime(signals.data.evaluatedAt) })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
