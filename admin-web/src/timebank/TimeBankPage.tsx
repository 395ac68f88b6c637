import {
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, CloseOutlined, FormOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, useCurrentStaff, usePermissions } from '../account';
import type { FieldError, ServiceRecord, ServiceRecordStatus, TimeBankSummary } from '../api';
import {
  CommunitySelect,
  formatDateTime,
  PagedTable,
  PageTitle,
  ProblemAlert,
  ReasonModal,
  recentMonths,
} from '../components';
import { SignalsCard } from './SignalsCard';
import { RecordServiceDrawer } from './RecordServiceDrawer';
import { TimeBankChart } from './TimeBankChart';
import {
  useDecideRecord,
  useProviderNames,
  useServiceRecords,
  useTimeBankRules,
  useTimeBankSummaries,
} from './useTimeBank';

const STATUSES: ServiceRecordStatus[] = ['PENDING', 'APPROVED', 'REJECTED'];
const STATUS_COLOUR: Record<ServiceRecordStatus, string> = {
  PENDING: 'gold',
  APPROVED: 'green',
  REJECTED: 'red',
};

/** The rules the api names when it refuses a decision, in the reader's words. */
const RULE_KEYS: Record<string, ParseKeys> = {
  'two-reviewers': 'timeBank.rule.twoReviewers',
  'daily-earning-cap': 'timeBank.rule.dailyEarningCap',
  'lifetime-earning-cap': 'timeBank.rule.lifetimeEarningCap',
};

/** How many months the chart and the table go back. */
const MONTHS = 6;

/**
 * 时间银行: volunteers' offline service waiting for a second worker's review (审核), and the
 * community pool's minutes issued, redeemed and outstanding per month.
 */
export function TimeBankPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentStaff();
  const can = usePermissions();
  const communityName = useCommunityName();
  const [communityId, setCommunityId] = useState<string | undefined>(me.communities[0]?.id);
  const [status, setStatus] = useState<ServiceRecordStatus>('PENDING');
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(20);
  const [recording, setRecording] = useState(false);
  const [rejecting, setRejecting] = useState<ServiceRecord | null>(null);
  const [decisionError, setDecisionError] = useState<unknown>(null);
  const records = useServiceRecords(communityId, status, page, size);
  const rows = records.data?.items ?? [];
  const names = useProviderNames(rows.map((record) => record.volunteerId));
  const decide = useDecideRecord();
  const rules = useTimeBankRules(communityId);
  const months = recentMonths().slice(0, MONTHS).reverse();
  const summaries = useTimeBankSummaries(communityId, months);
  const figures = summaries
    .map((summary) => summary.data)
    .filter((summary): summary is TimeBankSummary => summary !== undefined);
  const summaryError = summaries.find((summary) => summary.isError)?.error;

  const approve = async (record: ServiceRecord) => {
    setDecisionError(null);
    try {
      await decide.mutateAsync({ recordId: record.id, decision: { kind: 'approve' } });
      void message.success(
        t('timeBank.approved', {
          name: names.get(record.volunteerId) ?? '',
          minutes: record.minutes,
        }),
      );
    } catch (failure) {
      setDecisionError(failure);
    }
  };

  const describeRule = (fieldError: FieldError) => {
    const key = RULE_KEYS[fieldError.rule];
    return key ? t(key) : undefined;
  };

  const columns: ColumnsType<ServiceRecord> = [
    {
      title: t('timeBank.fields.volunteer'),
      dataIndex: 'volunteerId',
      render: (id: string) => <strong>{names.get(id) ?? '—'}</strong>,
    },
    { title: t('timeBank.fields.servedOn'), dataIndex: 'servedOn' },
    {
      title: t('timeBank.fields.minutes'),
      dataIndex: 'minutes',
      render: (minutes: number) => t('orders.minutes', { count: minutes }),
    },
    { title: t('timeBank.fields.description'), dataIndex: 'description' },
    {
      title: t('timeBank.fields.recordedBy'),
      dataIndex: 'recordedBy',
      render: (by: string, record) => (
        <Space orientation="vertical" size={0}>
          {by === me.accountId ? (
            <Tag color="purple" data-testid="recorded-by-me">
              {t('timeBank.recordedByMe')}
            </Tag>
          ) : (
            <span>{t('timeBank.recordedByOther')}</span>
          )}
          <span className="muted">{formatDateTime(record.recordedAt)}</span>
        </Space>
      ),
    },
    {
      title: t('timeBank.fields.status'),
      dataIndex: 'status',
      render: (_, record) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOUR[record.status]} data-testid="record-status">
            {t(`timeBank.status.${record.status}`)}
          </Tag>
          {record.decidedAt && <span className="muted">{formatDateTime(record.decidedAt)}</span>}
          {record.reason && <span>{t('timeBank.reasonLine', { reason: record.reason })}</span>}
        </Space>
      ),
    },
    ...(can.act && status === 'PENDING'
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, record: ServiceRecord) => (
              <Space wrap>
                <Popconfirm
                  title={t('timeBank.approveTitle')}
                  description={t('timeBank.approveBody', { minutes: record.minutes })}
                  okText={t('timeBank.approve')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => void approve(record)}
                >
                  <Button type="primary" icon={<CheckOutlined />} data-testid="approve-record">
                    {t('timeBank.approve')}
                  </Button>
                </Popconfirm>
                <Button
                  danger
                  icon={<CloseOutlined />}
                  onClick={() => {
                    setDecisionError(null);
                    setRejecting(record);
                  }}
                  data-testid="reject-record"
                >
                  {t('timeBank.reject')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const summaryColumns: ColumnsType<TimeBankSummary> = [
    { title: t('timeBank.month'), dataIndex: 'month' },
    {
      title: t('timeBank.issued'),
      dataIndex: 'issued',
      render: (minutes: number) => t('orders.minutes', { count: minutes }),
    },
    {
      title: t('timeBank.redeemed'),
      dataIndex: 'redeemed',
      render: (minutes: number) => t('orders.minutes', { count: minutes }),
    },
    {
      title: t('timeBank.outstanding'),
      dataIndex: 'outstanding',
      render: (minutes: number) => t('orders.minutes', { count: minutes }),
    },
  ];

  const current = rules.data?.current;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle
        title={t('timeBank.title')}
        extra={
          can.act &&
          communityId && (
            <Button
              type="primary"
              size="large"
              icon={<FormOutlined />}
              onClick={() => {
                setRecording(true);
              }}
              data-testid="record-service"
            >
              {t('timeBank.record')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('timeBank.intro')}</Typography.Paragraph>
      <Card>
        <Space>
          <span>{t('timeBank.community')}</span>
          <CommunitySelect
            value={communityId}
            onChange={(id: string) => {
              setCommunityId(id);
              setPage(0);
              setDecisionError(null);
            }}
            data-testid="timebank-community"
          />
        </Space>
      </Card>
      <Card
        title={t('timeBank.recordsTitle')}
        extra={
          <Segmented<ServiceRecordStatus>
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(0);
              setDecisionError(null);
            }}
            options={STATUSES.map((value) => ({
              value,
              label: t(`timeBank.status.${value}`),
            }))}
          />
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {records.isError && (
            <ProblemAlert error={records.error} context={t('timeBank.loadFailed')} />
          )}
          {decisionError !== null && (
            <div data-testid="decision-problem">
              <ProblemAlert
                error={decisionError}
                context={t('timeBank.decisionFailed')}
                describeFieldError={describeRule}
              />
            </div>
          )}
          <PagedTable<ServiceRecord>
            testId="service-records"
            columns={columns}
            rows={rows}
            total={records.data?.total ?? 0}
            loading={records.isFetching}
            page={page}
            size={size}
            onPageChange={(nextPage, nextSize) => {
              setPage(nextPage);
              setSize(nextSize);
            }}
          />
        </Space>
      </Card>
      <Card title={t('timeBank.summaryTitle', { count: MONTHS })}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {summaryError && (
            <ProblemAlert error={summaryError} context={t('timeBank.summaryFailed')} />
          )}
          {current && (
            <div data-testid="timebank-rules">
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t('timeBank.rules.dailyEarningCap')}>
                  {t('orders.minutes', { count: current.dailyEarningCapMinutes })}
                </Descriptions.Item>
                <Descriptions.Item label={t('timeBank.rules.lifetimeEarningCap')}>
                  {t('orders.minutes', { count: current.lifetimeEarningCapMinutes })}
                </Descriptions.Item>
                <Descriptions.Item label={t('timeBank.rules.minRedeemAge')}>
                  {t('timeBank.rules.age', { age: current.minRedeemAge })}
                </Descriptions.Item>
              </Descriptions>
            </div>
          )}
          {figures.length === months.length && <TimeBankChart months={figures} />}
          <Table<TimeBankSummary>
            rowKey="month"
            size="small"
            data-testid="timebank-months"
            columns={summaryColumns}
            dataSource={[...figures].reverse()}
            loading={summaries.some((summary) => summary.isFetching)}
            pagination={false}
          />
          <Typography.Text type="secondary">{t('timeBank.outstandingHint')}</Typography.Text>
        </Space>
      </Card>
      {communityId && <SignalsCard communityId={communityId} />}
      {can.act && communityId && (
        <RecordServiceDrawer
          communityId={communityId}
          communityName={communityName(communityId)}
          open={recording}
          onClose={() => {
            setRecording(false);
          }}
        />
      )}
      {rejecting && (
        <ReasonModal
          open
          title={t('timeBank.rejectTitle', { name: names.get(rejecting.volunteerId) ?? '' })}
          description={t('timeBank.rejectBody')}
          okText={t('timeBank.reject')}
          danger
          testId="reject-record-modal"
          onSubmit={async (reason) => {
            await decide.mutateAsync({
              recordId: rejecting.id,
              decision: { kind: 'reject', reason },
            });
            void message.success(t('timeBank.rejected'));
          }}
          onClose={() => {
            setRejecting(null);
          }}
        />
      )}
    </Space>
  );
}
