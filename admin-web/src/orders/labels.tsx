import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order, OrderStatus } from '../api';
import { formatFen } from '../components';

const STATUS_COLOUR: Record<OrderStatus, string> = {
  REQUESTED: 'blue',
  MATCHING: 'processing',
  ASSIGNED: 'cyan',
  IN_SERVICE: 'geekblue',
  COMPLETED: 'green',
  CONFIRMED: 'success',
  DISPUTED: 'volcano',
  ESCALATED: 'red',
  CANCELLED: 'default',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="order-status">
      {t(`orders.status.${status}`)}
    </Tag>
  );
}

/** ¥12.00 for a paid order, 30 分钟 for a time-bank one. */
export function OrderPrice({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.settlement === 'TIME_BANK') {
    return (
      <span data-testid="order-price">
        {t('orders.minutes', { count: order.priceMinutes ?? 0 })}
      </span>
    );
  }
  return (
    <span data-testid="order-price">
      {order.priceFen === undefined ? '—' : formatFen(order.priceFen)}
    </span>
  );
}
