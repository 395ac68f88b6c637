import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowRightOutlined, CloseCircleOutlined, DeploymentUnitOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isRole, useCommunityName, useCurrentStaff, usePermissions } from '../account';
import type { Order, OrderEvent } from '../api';
import { ProblemAlert, ReasonModal, formatDateTime } from '../components';
import {
  ChannelTag,
  OrderPrice,
  OrderStatusTag,
  OrderWindow,
  SeatsLine,
  cancellable,
  dispatchable,
} from './labels';
import { useOrderLive } from './useOrderLive';
import { useCancelOrder, useOrder, useOrderTimeline } from './useOrders';
import { PaymentSection } from './PaymentSection';

interface OrderDrawerProps {
  orderId: string | null;
  onClose: () => void;
}

/** One order: what was ordered, its timeline (who, when, from → to, why), and cancelling it. */
export function OrderDrawer({ orderId, onClose }: OrderDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const order = useOrder(orderId);
  const timeline = useOrderTimeline(orderId);
  useOrderLive(orderId);
  const cancel = useCancelOrder(orderId ?? '');
  const [cancelling, setCancelling] = useState(false);
  const data = order.data;

  return (
    <Drawer
      open={orderId !== null}
      onClose={onClose}
      size={760}
      title={t('orders.detailTitle')}
      destroyOnHidden
      data-testid="order-drawer"
      extra={
        data && (
          <Space wrap>
            {dispatchable(data.status) && (
              <Link to={`/dispatch?community=${data.communityId}&order=${data.id}`}>
                <Button
                  type={data.status === 'ESCALATED' ? 'primary' : 'default'}
                  icon={<DeploymentUnitOutlined />}
                  data-testid="to-dispatch"
                >
                  {data.status === 'ESCALATED' ? t('orders.toDispatch') : t('orders.candidates')}
                </Button>
              </Link>
            )}
            {can.act && cancellable(data.status) && (
              <Button
                danger
                icon={<CloseCircleOutlined />}
                onClick={() => {
                  setCancelling(true);
                }}
                data-testid="cancel-order"
              >
                {t('orders.cancel')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {order.isPending && <Skeleton active />}
      {order.isError && <ProblemAlert error={order.error} context={t('orders.loadOneFailed')} />}
      {data && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <OrderDescriptions order={data} />
          {data.settlement === 'PAID' && <PaymentSection order={data} />}
          <section>
            <Typography.Title level={4}>{t('orders.timeline.title')}</Typography.Title>
            {timeline.isPending && <Skeleton active />}
            {timeline.isError && (
              <ProblemAlert error={timeline.error} context={t('orders.timeline.loadFailed')} />
            )}
            {timeline.data && <OrderTimeline events={timeline.data} />}
          </section>
        </Space>
      )}
      {data && (
        <ReasonModal
          open={cancelling}
          title={t('orders.cancelTitle', { elder: data.elderMaskedName })}
          description={t('orders.cancelBody')}
          okText={t('orders.cancel')}
          cancelText={t('common.back')}
          label={t('orders.cancelReason')}
          danger
          testId="cancel-order-modal"
          onSubmit={async (reason) => {
            await cancel.mutateAsync(reason);
            void message.success(t('orders.cancelled'));
          }}
          onClose={() => {
            setCancelling(false);
          }}
        />
      )}
    </Drawer>
  );
}

function OrderDescriptions({ order }: { order: Order }) {
  const { t } = useTranslation();
  const communityName = useCommunityName();
  const requirements = order.requirements;
  const requirementTags = [
    requirements?.caregiverGender &&
      t('orders.requirement.gender', {
        gender: t(`enums.gender.${requirements.caregiverGender}`),
      }),
    requirements?.twoCaregivers && t('orders.requirement.two'),
    requirements?.language &&
      t('orders.requirement.language', { language: t(`languages.${requirements.language}`) }),
  ].filter((text): text is string => typeof text === 'string' && text.length > 0);

  return (
    <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle" data-testid="order-details">
      <Descriptions.Item label={t('orders.fields.elder')}>
        <strong style={{ fontSize: 18 }}>{order.elderMaskedName}</strong>
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.status')}>
        <OrderStatusTag status={order.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.service')}>
        {t(`enums.service.${order.service}`)} ·{' '}
        {t('orders.minutes', { count: order.durationMinutes })}
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.price')}>
        <strong>
          <OrderPrice order={order} />
        </strong>{' '}
        <span className="muted">{t(`orders.settlement.${order.settlement}`)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.when')} span={2}>
        <OrderWindow order={order} />
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.community')}>
        {communityName(order.communityId)}
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.channel')}>
        <ChannelTag channel={order.channel} />
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.providers')} span={2}>
        <SeatsLine order={order} />
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.requirements')} span={2}>
        {requirementTags.length === 0
          ? t('orders.requirement.none')
          : requirementTags.map((text) => <Tag key={text}>{text}</Tag>)}
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.notes')} span={2}>
        {order.notes ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.placedAt')}>
        {formatDateTime(order.placedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('orders.fields.id')}>
        <Typography.Text copyable={{ text: order.id }} data-testid="order-id">
          {order.id.slice(0, 8)}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Oldest first, as the api gives it: each change with its time, who made it, from → to and why. */
export function OrderTimeline({ events }: { events: OrderEvent[] }) {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  if (events.length === 0) return <Empty description={t('orders.timeline.empty')} />;

  const actor = (event: OrderEvent) => {
    const role = event.actorRole ?? 'SYSTEM';
    const label =
      role === 'SYSTEM' ? t('orders.timeline.system') : isRole(role) ? t(`roles.${role}`) : role;
    return event.actorAccountId !== undefined && event.actorAccountId === me.accountId
      ? t('orders.timeline.me', { role: label })
      : label;
  };

  return (
    <Timeline
      data-testid="order-timeline"
      items={events.map((event, index) => ({
        key: `${event.at}-${String(index)}`,
        color: event.to === 'CANCELLED' || event.to === 'ESCALATED' ? 'red' : 'blue',
        title: formatDateTime(event.at),
        content: (
          <div className="timeline-entry" data-testid="timeline-entry">
            <Space wrap size="small">
              {event.from && (
                <>
                  <OrderStatusTag status={event.from} />
                  <ArrowRightOutlined aria-label={t('orders.timeline.to')} />
                </>
              )}
              <OrderStatusTag status={event.to} />
              <Typography.Text type="secondary" data-testid="timeline-actor">
                {actor(event)}
              </Typography.Text>
            </Space>
            {event.reason && (
              <div className="timeline-reason" data-testid="timeline-reason">
                {t('orders.timeline.reason', { reason: event.reason })}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
