import { Button, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order, OrderPayment } from '../api';
import { ProblemAlert } from '../components';
import { formatFen } from '../components/format';
import { usePermissions } from '../account';
import { useOrderPayment, useOrderQuote, usePayOrder } from './useOrders';

const STATE_COLOUR: Record<OrderPayment['state'], string> = {
  PENDING: 'gold',
  HELD: 'blue',
  SETTLED: 'green',
  CLOSED: 'default',
  REFUNDED: 'default',
};

/**
 * 支付: how a PAID order's price is covered — the elder's 养老服务补贴 first, then online by the
 * family — and where the money stands (held until the service is confirmed). A worker pays a
 * phone-in order here when the subsidy covers it in full; otherwise the family pays in the app.
 */
export function PaymentSection({ order }: { order: Order }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const payment = useOrderPayment(order.id);
  const unpaid = payment.data === null;
  const quote = useOrderQuote(order.id, unpaid && !order.status.startsWith('CANCEL'));
  const pay = usePayOrder(order.id);
  const split = payment.data ?? quote.data;
  const workerMayPay =
    can.act &&
    order.channel === 'PHONE' &&
    unpaid &&
    quote.data !== undefined &&
    quote.data.onlineFen === 0 &&
    order.status !== 'CANCELLED';
  return (
    <section data-testid="order-payment">
      <Typography.Title level={4}>{t('orders.payment.title')}</Typography.Title>
      {(payment.isPending || (unpaid && quote.isPending && quote.fetchStatus !== 'idle')) && (
        <Skeleton active paragraph={{ rows: 1 }} />
      )}
      {payment.isError && (
        <ProblemAlert error={payment.error} context={t('orders.payment.loadFailed')} />
      )}
      {quote.isError && (
        <ProblemAlert error={quote.error} context={t('orders.payment.loadFailed')} />
      )}
      {pay.isError && <ProblemAlert error={pay.error} context={t('orders.payment.payFailed')} />}
      {split && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('orders.payment.state')}>
              <span data-testid="payment-state">
                {payment.data ? (
                  <Tag color={STATE_COLOUR[payment.data.state]}>
                    {t(`orders.payment.states.${payment.data.state}`)}
                  </Tag>
                ) : (
                  <Tag>{t('orders.payment.unpaid')}</Tag>
                )}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.payment.subsidy')}>
              <span data-testid="payment-subsidy">{formatFen(split.subsidyFen)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.payment.online')}>
              <span data-testid="payment-online">{formatFen(split.onlineFen)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.payment.total')}>
              {formatFen(split.totalFen)}
            </Descriptions.Item>
          </Descriptions>
          {workerMayPay && (
            <Button
              type="primary"
              loading={pay.isPending}
              onClick={() => {
                pay.mutate(split.totalFen);
              }}
              data-testid="pay-with-subsidy"
            >
              {t('orders.payment.payWithSubsidy')}
            </Button>
          )}
          {unpaid && !workerMayPay && (
            <Typography.Text type="secondary">{t('orders.payment.familyPays')}</Typography.Text>
          )}
        </Space>
      )}
    </section>
  );
}
