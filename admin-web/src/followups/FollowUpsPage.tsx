import { Card, Checkbox, Form, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, useCurrentStaff } from '../account';
import type { FollowUpStatus, FollowUpSummary } from '../api';
import { PageTitle, PagedTable, ProblemAlert, formatDateTime } from '../components';
import { FollowUpDrawer } from './FollowUpDrawer';
import { DueTag, LevelTag } from './labels';
import { useFollowUps, type FollowUpFilters } from './useFollowUps';

interface SearchValues {
  communityId?: string;
  status?: FollowUpStatus | 'ALL';
  overdueOnly?: boolean;
}

/**
 * 差评回访: the follow-up cases of bad ratings, earliest due first, overdue ones highlighted; the
 * whole case (call-backs, the provider's side, finding, appeal, closing) in a drawer.
 */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  const communityName = useCommunityName();
  const [filters, setFilters] = useState<FollowUpFilters>({ status: 'OPEN' });
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(20);
  const [openId, setOpenId] = useState<string | null>(null);
  const followUps = useFollowUps(filters, page, size);

  const columns: ColumnsType<FollowUpSummary> = [
    {
      title: t('followUps.fields.dueOn'),
      dataIndex: 'dueOn',
      render: (_, row) => (
        <DueTag dueOn={row.dueOn} overdue={row.overdue} provisional={row.dueProvisional} />
      ),
    },
    {
      title: t('followUps.fields.level'),
      dataIndex: 'level',
      render: (_, row) => <LevelTag level={row.level} />,
    },
    {
      title: t('followUps.fields.service'),
      dataIndex: 'service',
      render: (_, row) => t(`enums.service.${row.service}`),
    },
    {
      title: t('followUps.fields.elder'),
      dataIndex: 'elderMaskedName',
    },
    {
      title: t('followUps.fields.community'),
      dataIndex: 'communityId',
      render: (id: string) => communityName(id),
      responsive: ['xl'],
    },
    {
      title: t('followUps.fields.openedAt'),
      dataIndex: 'openedAt',
      render: (at: string) => formatDateTime(at),
      responsive: ['lg'],
    },
    {
      title: t('followUps.fields.calls'),
      dataIndex: 'calls',
      render: (calls: number) =>
        calls === 0 ? (
          <Tag color="gold">{t('followUps.notCalled')}</Tag>
        ) : (
          t('followUps.callCount', { count: calls })
        ),
    },
    {
      title: t('followUps.fields.finding'),
      dataIndex: 'finding',
      render: (_, row) => (row.finding ? t(`followUps.finding.${row.finding}`) : '—'),
    },
    {
      title: t('followUps.fields.status'),
      dataIndex: 'status',
      render: (_, row) => (
        <Space size={4} wrap>
          <Tag color={row.status === 'OPEN' ? 'processing' : 'default'}>
            {t(`followUps.status.${row.status}`)}
          </Tag>
          {row.escalatedAt && <Tag color="volcano">{t('followUps.escalated')}</Tag>}
          {row.appealStatus === 'PENDING' && (
            <Tag color="purple">{t('followUps.appealPending')}</Tag>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle title={t('followUps.title')} />
      <Card>
        <Form<SearchValues>
          name="followUpSearch"
          layout="inline"
          className="search-form"
          initialValues={{ status: 'OPEN' }}
          onValuesChange={(_, values) => {
            setFilters({
              communityId: values.communityId || undefined,
              status: values.status === 'ALL' ? undefined : values.status,
              overdue: values.overdueOnly ? true : undefined,
            });
            setPage(0);
          }}
        >
          <Form.Item name="communityId" label={t('elders.search.community')}>
            <Select
              allowClear
              placeholder={t('elders.search.allCommunities')}
              style={{ width: 200 }}
              options={me.communities.map((community) => ({
                value: community.id,
                label: community.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('followUps.fields.status')}>
            <Select
              style={{ width: 140 }}
              data-testid="status-filter"
              options={[
                { value: 'OPEN', label: t('followUps.status.OPEN') },
                { value: 'CLOSED', label: t('followUps.status.CLOSED') },
                { value: 'ALL', label: t('followUps.status.ALL') },
              ]}
            />
          </Form.Item>
          <Form.Item name="overdueOnly" valuePropName="checked">
            <Checkbox data-testid="overdue-only">{t('followUps.overdueOnly')}</Checkbox>
          </Form.Item>
        </Form>
      </Card>
      {followUps.isError && (
        <ProblemAlert error={followUps.error} context={t('followUps.loadFailed')} />
      )}
      <Card>
        <PagedTable<FollowUpSummary>
          testId="follow-ups"
          columns={columns}
          rows={followUps.data?.items ?? []}
          total={followUps.data?.total ?? 0}
          loading={followUps.isFetching}
          page={page}
          size={size}
          rowClassName={(row) => (row.overdue ? 'row-overdue' : '')}
          onPageChange={(nextPage, nextSize) => {
            setPage(nextPage);
            setSize(nextSize);
          }}
          onOpen={(row) => {
            setOpenId(row.id);
          }}
        />
      </Card>
      <FollowUpDrawer
        caseId={openId}
        onClose={() => {
          setOpenId(null);
        }}
      />
    </Space>
  );
}
