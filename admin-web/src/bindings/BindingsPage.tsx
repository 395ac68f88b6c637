import { App, Button, Card, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../account';
import type { Binding, BindingStatus } from '../api';
import { PageTitle, ProblemAlert, ReasonModal, formatDateTime } from '../components';
import { useBindings, useDecideBinding } from './useBindings';

const STATUSES: BindingStatus[] = ['PENDING', 'ACTIVE', 'REJECTED'];
const STATUS_COLOUR: Record<BindingStatus, string> = {
  PENDING: 'gold',
  ACTIVE: 'green',
  REJECTED: 'default',
};

/** 家属绑定: a worker confirms a family member's binding after checking with the elder, or rejects it. */
export function BindingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const [status, setStatus] = useState<BindingStatus>('PENDING');
  const [rejecting, setRejecting] = useState<Binding | null>(null);
  const bindings = useBindings(status);
  const decide = useDecideBinding();
  const [actionError, setActionError] = useState<unknown>(null);

  const confirm = async (binding: Binding) => {
    setActionError(null);
    try {
      await decide.mutateAsync({ bindingId: binding.id });
      void message.success(t('bindings.confirmed', { elder: binding.elderMaskedName ?? '' }));
    } catch (failure) {
      setActionError(failure);
    }
  };

  const columns: ColumnsType<Binding> = [
    {
      title: t('bindings.elder'),
      dataIndex: 'elderMaskedName',
      render: (name?: string) => <strong>{name ?? '—'}</strong>,
    },
    {
      title: t('bindings.family'),
      dataIndex: 'familyDisplayName',
      render: (name?: string) => name ?? '—',
    },
    {
      title: t('bindings.relationship'),
      dataIndex: 'relationship',
      render: (relationship?: string) => relationship ?? '—',
    },
    {
      title: t('bindings.consentBy'),
      dataIndex: 'consentBy',
      render: (_, binding) => t(`bindings.consent.${binding.consentBy}`),
    },
    {
      title: t('bindings.requestedAt'),
      dataIndex: 'requestedAt',
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('bindings.status'),
      dataIndex: 'status',
      render: (_, binding) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOUR[binding.status]}>
            {t(`bindings.statuses.${binding.status}`)}
          </Tag>
          {binding.reason && <span className="muted">{binding.reason}</span>}
        </Space>
      ),
    },
  ];
  if (can.act && status === 'PENDING') {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, binding) => (
        <Space>
          <Popconfirm
            title={t('bindings.confirmTitle')}
            description={t('bindings.confirmBody')}
            okText={t('bindings.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => {
              void confirm(binding);
            }}
          >
            <Button type="primary" icon={<CheckOutlined />}>
              {t('bindings.confirm')}
            </Button>
          </Popconfirm>
          <Button
            danger
            icon={<CloseOutlined />}
            onClick={() => {
              setRejecting(binding);
            }}
          >
            {t('bindings.reject')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle
        title={t('bindings.title')}
        extra={
          <Space wrap>
            <Segmented<BindingStatus>
              size="large"
              value={status}
              onChange={setStatus}
              options={STATUSES.map((value) => ({
                value,
                label: t(`bindings.statuses.${value}`),
              }))}
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void bindings.refetch()}
              loading={bindings.isFetching}
            >
              {t('common.refresh')}
            </Button>
          </Space>
        }
      />
      {bindings.isError && (
        <ProblemAlert error={bindings.error} context={t('bindings.loadFailed')} />
      )}
      {actionError !== null && <ProblemAlert error={actionError} />}
      <Card>
        <Table<Binding>
          rowKey="id"
          data-testid="bindings-table"
          columns={columns}
          dataSource={bindings.data ?? []}
          loading={bindings.isFetching}
          pagination={{
            pageSize: 20,
            showTotal: (total) => (
              <span data-testid="bindings-total">{t('common.total', { count: total })}</span>
            ),
          }}
          locale={{ emptyText: t('bindings.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <ReasonModal
        open={rejecting !== null}
        testId="reject-binding-modal"
        title={t('bindings.rejectTitle', { elder: rejecting?.elderMaskedName ?? '' })}
        description={t('bindings.rejectBody', { family: rejecting?.familyDisplayName ?? '' })}
        label={t('bindings.rejectReason')}
        okText={t('bindings.reject')}
        danger
        onClose={() => {
          setRejecting(null);
        }}
        onSubmit={async (reason) => {
          if (!rejecting) return;
          await decide.mutateAsync({ bindingId: rejecting.id, reject: { reason } });
          void message.success(t('bindings.rejected'));
        }}
      />
    </Space>
  );
}
