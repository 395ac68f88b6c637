import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ExclamationCircleOutlined, RedoOutlined, SolutionOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, useCurrentStaff, usePermissions } from '../account';
import type { PaymentCase } from '../api';
import { ProblemAlert, formatDateTime, formatFen, showFieldErrors } from '../components';
import {
  useOpenPaymentCases,
  useRetryPaymentCase,
  useSettlePaymentCaseOffline,
} from './usePaymentCases';

/**
 * 退款待处理: refunds (and closings) WeChat Pay declined in the covered communities. A worker asks
 * again (e.g. once the family's WeChat account works again) or records that the community paid the
 * family back itself, with the reason. Shown only while something waits; the district official
 * sees it without the actions.
 */
export function PaymentCasesCard({ onOpenOrder }: { onOpenOrder: (orderId: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentStaff();
  const can = usePermissions();
  const communityName = useCommunityName();
  const open = useOpenPaymentCases(me.communities.map((community) => community.id));
  const retry = useRetryPaymentCase();
  const [settling, setSettling] = useState<PaymentCase | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  if (open.cases.length === 0 && !open.error && actionError === null) return null;

  const askAgain = async (paymentCase: PaymentCase) => {
    setActionError(null);
    try {
      const handled = await retry.mutateAsync(paymentCase.id);
      if (handled.retryOutcome === 'ACCEPTED') {
        void message.success(t('orders.cases.retryAccepted'));
      } else if (handled.retryOutcome === 'DECLINED') {
        void message.warning(t('orders.cases.retryDeclined'));
      } else {
        void message.info(t('orders.cases.retryUnavailable'));
      }
    } catch (failure) {
      setActionError(failure);
    }
  };

  const columns: ColumnsType<PaymentCase> = [
    {
      title: t('orders.cases.openedAt'),
      dataIndex: 'openedAt',
      render: (at: string) => formatDateTime(at),
      responsive: ['md'],
    },
    {
      title: t('orders.fields.elder'),
      dataIndex: 'elderMaskedName',
      render: (name: string, paymentCase) => (
        <Typography.Link
          strong
          data-testid="case-order"
          onClick={() => {
            onOpenOrder(paymentCase.orderId);
          }}
        >
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('orders.fields.service'),
      dataIndex: 'service',
      render: (_, paymentCase) => t(`enums.service.${paymentCase.service}`),
    },
    {
      title: t('orders.cases.what'),
      key: 'what',
      render: (_, paymentCase) => (
        <Space orientation="vertical" size={0}>
          <Tag color={paymentCase.action === 'REFUND' ? 'red' : 'orange'}>
            {t(`orders.cases.actions.${paymentCase.action}`)}
          </Tag>
          <strong data-testid="case-amount">{formatFen(paymentCase.amountFen)}</strong>
        </Space>
      ),
    },
    {
      title: t('orders.cases.gatewaySaid'),
      key: 'gateway',
      render: (_, paymentCase) => (
        <span data-testid="case-gateway">
          {paymentCase.gatewayMessage ?? ''} <code>{paymentCase.gatewayCode}</code>
        </span>
      ),
    },
    {
      title: t('orders.fields.community'),
      dataIndex: 'communityId',
      render: (id: string) => communityName(id),
      responsive: ['xl'],
    },
    ...(can.act
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, paymentCase: PaymentCase) => (
              <Space wrap>
                <Popconfirm
                  title={t('orders.cases.retryTitle')}
                  description={t('orders.cases.retryBody')}
                  okText={t('orders.cases.retry')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => void askAgain(paymentCase)}
                >
                  <Button
                    icon={<RedoOutlined />}
                    loading={retry.isPending && retry.variables === paymentCase.id}
                    data-testid="case-retry"
                  >
                    {t('orders.cases.retry')}
                  </Button>
                </Popconfirm>
                <Button
                  icon={<SolutionOutlined />}
                  onClick={() => {
                    setActionError(null);
                    setSettling(paymentCase);
                  }}
                  data-testid="case-settle-offline"
                >
                  {t('orders.cases.settleOffline')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={
        <Space>
          <ExclamationCircleOutlined style={{ color: '#cf1322' }} />
          {t('orders.cases.title', { count: open.cases.length })}
        </Space>
      }
      data-testid="payment-cases"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('orders.cases.hint')}</Typography.Text>
        {open.error !== undefined && (
          <ProblemAlert error={open.error} context={t('orders.cases.loadFailed')} />
        )}
        {actionError !== null && <ProblemAlert error={actionError} />}
        <Table<PaymentCase>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={open.cases}
          loading={open.isFetching}
          pagination={false}
          data-testid="payment-cases-table"
          locale={{ emptyText: t('orders.cases.none') }}
        />
      </Space>
      <OfflineSettlementModal
        paymentCase={settling}
        onClose={() => {
          setSettling(null);
        }}
      />
    </Card>
  );
}

interface OfflineValues {
  reason: string;
  reference?: string;
}

/** 线下已处理: how and why the community settled it itself; the api's field errors on the fields. */
function OfflineSettlementModal({
  paymentCase,
  onClose,
}: {
  paymentCase: PaymentCase | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OfflineValues>();
  const settle = useSettlePaymentCaseOffline();

  const submit = async () => {
    if (!paymentCase) return;
    const values = await form.validateFields();
    try {
      await settle.mutateAsync({
        paymentCaseId: paymentCase.id,
        body: { reason: values.reason.trim(), reference: values.reference?.trim() || undefined },
      });
      void message.success(t('orders.cases.settled'));
      form.resetFields();
      settle.reset();
      onClose();
    } catch (failure) {
      showFieldErrors(form, failure);
    }
  };

  return (
    <Modal
      open={paymentCase !== null}
      title={t('orders.cases.settleTitle', { elder: paymentCase?.elderMaskedName ?? '' })}
      okText={t('orders.cases.settleOffline')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: settle.isPending }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        settle.reset();
        onClose();
      }}
      destroyOnHidden
      data-testid="offline-settlement-modal"
    >
      {paymentCase && (
        <Typography.Paragraph>
          {t('orders.cases.settleBody', { amount: formatFen(paymentCase.amountFen) })}
        </Typography.Paragraph>
      )}
      {settle.isError && <ProblemAlert error={settle.error} />}
      <Form form={form} name="offlineSettlement" layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item
          name="reason"
          label={t('orders.cases.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.reasonRequired') },
            { min: 2, max: 500, message: t('common.reasonLength') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="case-reason" />
        </Form.Item>
        <Form.Item name="reference" label={t('orders.cases.reference')}>
          <Input maxLength={100} data-testid="case-reference" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
