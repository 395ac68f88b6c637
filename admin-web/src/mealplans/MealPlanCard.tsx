import { App, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { PauseCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermissions } from '../account';
import type { MealPlan, MealPlanOccurrence, ServiceOrganisation } from '../api';
import { ProblemAlert, ReasonModal, formatDateTime, formatDay } from '../components';
import { ChannelTag, OrderStatusTag } from '../orders';
import { MealPlanStatusTag, MealPrice, deliveryWindow } from './labels';
import { useMealPlanAction } from './useMealPlans';

interface MealPlanCardProps {
  plan: MealPlan;
  elderName: string;
  canteen: ServiceOrganisation | undefined;
}

/** One 助餐计划: what it is, its days from today on with their orders, and pausing, resuming, cancelling. */
export function MealPlanCard({ plan, elderName, canteen }: MealPlanCardProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const action = useMealPlanAction(plan.id);
  const [asking, setAsking] = useState<'pause' | 'cancel' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const resume = async () => {
    setError(null);
    try {
      await action.mutateAsync({ kind: 'resume' });
      void message.success(t('mealPlans.resumed'));
    } catch (failure) {
      setError(failure);
    }
  };

  const columns: ColumnsType<MealPlanOccurrence> = [
    {
      title: t('mealPlans.day'),
      dataIndex: 'day',
      render: (day: string) => formatDay(day, i18n.language),
    },
    {
      title: t('mealPlans.orderStatus'),
      dataIndex: 'status',
      render: (_, occurrence) => <OrderStatusTag status={occurrence.status} />,
    },
    {
      title: t('common.actions'),
      key: 'order',
      render: (_, occurrence) => (
        <Link to={`/orders?order=${occurrence.orderId}`}>{t('mealPlans.viewOrder')}</Link>
      ),
    },
  ];

  const open = plan.status !== 'CANCELLED';
  return (
    <div data-testid={`meal-plan-${plan.id}`}>
      <Card
        title={
          <Space wrap>
            <span>{canteen?.name ?? t('mealPlans.fields.canteen')}</span>
            <MealPlanStatusTag status={plan.status} />
          </Space>
        }
        extra={
          can.act &&
          open && (
            <Space wrap>
              {plan.status === 'ACTIVE' && (
                <Button
                  icon={<PauseCircleOutlined />}
                  onClick={() => {
                    setAsking('pause');
                  }}
                  data-testid="pause-meal-plan"
                >
                  {t('mealPlans.pause')}
                </Button>
              )}
              {plan.status === 'PAUSED' && (
                <Button
                  type="primary"
                  icon={<PlayCircleOutlined />}
                  loading={action.isPending}
                  onClick={() => void resume()}
                  data-testid="resume-meal-plan"
                >
                  {t('mealPlans.resume')}
                </Button>
              )}
              <Button
                danger
                icon={<StopOutlined />}
                onClick={() => {
                  setAsking('cancel');
                }}
                data-testid="cancel-meal-plan"
              >
                {t('mealPlans.cancel')}
              </Button>
            </Space>
          )
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {error !== null && <ProblemAlert error={error} />}
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} bordered size="small">
            <Descriptions.Item label={t('mealPlans.fields.days')}>
              {t(`mealPlans.days.${plan.days}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('mealPlans.fields.period')}>
              <span data-testid="meal-plan-period">
                {plan.firstDay} – {plan.lastDay}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('mealPlans.fields.window')}>
              <span data-testid="meal-plan-window">{deliveryWindow(plan)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('mealPlans.fields.duration')}>
              {t('orders.minutes', { count: plan.durationMinutes })}
            </Descriptions.Item>
            <Descriptions.Item label={t('mealPlans.fields.price')}>
              <strong data-testid="meal-plan-price">
                <MealPrice plan={plan} />
              </strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.settlement')}>
              {t(`orders.settlement.${plan.settlement}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.channel')}>
              <ChannelTag channel={plan.channel} />
            </Descriptions.Item>
            <Descriptions.Item label={t('mealPlans.fields.placedAt')}>
              {formatDateTime(plan.placedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.notes')}>
              {plan.notes ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          {open && (
            <>
              <Typography.Text strong>
                {t('mealPlans.upcomingTitle', { count: plan.upcoming.length })}
                {plan.createdThrough && plan.status === 'ACTIVE' && (
                  <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                    {t('mealPlans.createdThrough', { day: plan.createdThrough })}
                  </Typography.Text>
                )}
              </Typography.Text>
              <Table<MealPlanOccurrence>
                rowKey="orderId"
                size="small"
                data-testid="meal-plan-days"
                columns={columns}
                dataSource={plan.upcoming}
                pagination={{ pageSize: 7, hideOnSinglePage: true, showSizeChanger: false }}
                locale={{
                  emptyText: (
                    <Empty
                      description={
                        plan.status === 'PAUSED'
                          ? t('mealPlans.pausedNoDays')
                          : t('mealPlans.upcomingEmpty')
                      }
                    />
                  ),
                }}
              />
            </>
          )}
        </Space>
      </Card>
      {asking !== null && (
        <ReasonModal
          open
          title={t(asking === 'pause' ? 'mealPlans.pauseTitle' : 'mealPlans.cancelTitle', {
            elder: elderName,
          })}
          description={t(asking === 'pause' ? 'mealPlans.pauseBody' : 'mealPlans.cancelBody')}
          okText={t(asking === 'pause' ? 'mealPlans.pause' : 'mealPlans.cancel')}
          cancelText={asking === 'cancel' ? t('common.back') : undefined}
          danger={asking === 'cancel'}
          testId={asking === 'pause' ? 'pause-meal-plan-modal' : 'cancel-meal-plan-modal'}
          onSubmit={async (reason) => {
            await action.mutateAsync({ kind: asking, reason });
            void message.success(
              t(asking === 'pause' ? 'mealPlans.pausedDone' : 'mealPlans.cancelledDone'),
            );
          }}
          onClose={() => {
            setAsking(null);
          }}
        />
      )}
    </div>
  );
}
