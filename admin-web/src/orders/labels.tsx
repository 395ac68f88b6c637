import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order, OrderChannel, OrderStatus } from '../api';
import { formatDateTime, formatFen, formatTimeWindow } from '../components';

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

export const ORDER_STATUSES = Object.keys(STATUS_COLOUR) as OrderStatus[];

/**
 * Open until check-in: the family or a worker may cancel (DESIGN.md's life-cycle table), and the
 * dispatch board ranks who could serve it.
 */
const OPEN_BEFORE_CHECK_IN: ReadonlySet<OrderStatus> = new Set([
  'REQUESTED',
  'MATCHING',
  'ESCALATED',
  'ASSIGNED',
]);

export function cancellable(status: OrderStatus): boolean {
  return OPEN_BEFORE_CHECK_IN.has(status);
}

/** Open orders, for which the dispatch board can rank who could serve them. */
export function dispatchable(status: OrderStatus): boolean {
  return OPEN_BEFORE_CHECK_IN.has(status);
}

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="order-status" className="status-tag">
      {t(`orders.status.${status}`)}
    </Tag>
  );
}

export function ChannelTag({ channel }: { channel: OrderChannel }) {
  const { t } = useTranslation();
  return (
    <Tag color={channel === 'PHONE' ? 'purple' : 'default'}>{t(`orders.channel.${channel}`)}</Tag>
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

/** 立即上门 (placed at …) for an order for now, else the window in Beijing time. */
export function OrderWindow({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.immediate)
    return <span>{t('orders.now', { at: formatDateTime(order.placedAt) })}</span>;
  return <span>{formatTimeWindow(order.window.start, order.window.end)}</span>;
}

/** Who holds each of the order's seats, how they got it, and how far the visit is. */
export function SeatsLine({ order }: { order: Order }) {
  const { t } = useTranslation();
  const seats = order.seats ?? [];
  if (seats.length === 0) return <span>—</span>;
  return (
    <Space orientation="vertical" size={2} data-testid="order-seats">
      {seats.map((seat) => (
        <Space key={seat.seatNo} wrap size="small" data-testid="order-seat">
          {seats.length > 1 && <span className="muted">#{seat.seatNo}</span>}
          {seat.providerId ? (
            <>
              <strong>{seat.providerName ?? '—'}</strong>
              <span className="muted">
                {seat.assignedByRole === 'COMMUNITY_WORKER'
                  ? t('orders.seat.byHand')
                  : t('orders.seat.accepted')}
                {seat.assignedAt && ` ${formatDateTime(seat.assignedAt)}`}
              </span>
              {seat.checkedOutAt ? (
                <Tag color="green">
                  {t('orders.seat.checkedOut', { at: formatDateTime(seat.checkedOutAt) })}
                </Tag>
              ) : seat.checkedInAt ? (
                <Tag color="geekblue">
                  {t('orders.seat.checkedIn', { at: formatDateTime(seat.checkedInAt) })}
                </Tag>
              ) : null}
              {seat.checkInLocked && <Tag color="red">{t('orders.seat.locked')}</Tag>}
            </>
          ) : (
            <span className="muted">{t('orders.seat.empty')}</span>
          )}
        </Space>
      ))}
    </Space>
  );
}
