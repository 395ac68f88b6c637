import { Button, Card, Form, Select, Space, Typography } from 'antd';
import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCommunityName, usePermissions } from '../account';
import type { Order, OrderStatus } from '../api';
import { PageTitle, PagedTable, ProblemAlert, formatDateTime } from '../components';
import { ElderPicker, type PickedElder } from './ElderPicker';
import { ChannelTag, ORDER_STATUSES, OrderPrice, OrderStatusTag, OrderWindow } from './labels';
import { OrderDrawer } from './OrderDrawer';
import { PaymentCasesCard } from './PaymentCasesCard';
import { useOrders, type OrderFilters } from './useOrders';

function isStatus(value: string | null): value is OrderStatus {
  return value !== null && (ORDER_STATUSES as string[]).includes(value);
}

/**
 * 订单: the covered communities' orders, newest first, filtered by status and elder. The filters
 * and the open order live in the address (?status=&elderId=&elder=&order=), so that other screens
 * can link to them and a reload keeps them.
 */
export function OrdersPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const communityName = useCommunityName();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(20);

  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const elderId = params.get('elderId');
  const elder: PickedElder | null = elderId
    ? { id: elderId, maskedName: params.get('elder') ?? '' }
    : null;
  const openId = params.get('order');
  const filters: OrderFilters = { status, elderId: elder?.id };
  const orders = useOrders(filters, page, size);

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };
  const filterBy = (changes: Record<string, string | null>) => {
    update(changes);
    setPage(0);
  };
  const showElder = (picked: PickedElder | null) => {
    filterBy({ elderId: picked?.id ?? null, elder: picked?.maskedName ?? null });
  };

  const columns: ColumnsType<Order> = [
    {
      title: t('orders.fields.placedAt'),
      dataIndex: 'placedAt',
      render: (at: string) => formatDateTime(at),
      responsive: ['md'],
    },
    {
      title: t('orders.fields.elder'),
      dataIndex: 'elderMaskedName',
      render: (name: string, order) => (
        <Typography.Link
          strong
          data-testid="order-elder"
          title={t('orders.search.onlyThisElder')}
          onClick={(event) => {
            // a click on the name filters; a click elsewhere on the row opens the order
            event.stopPropagation();
            showElder({ id: order.elderId, maskedName: name });
          }}
        >
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('orders.fields.service'),
      dataIndex: 'service',
      render: (_, order) => (
        <span>
          {t(`enums.service.${order.service}`)}
          <span className="muted"> · {t('orders.minutes', { count: order.durationMinutes })}</span>
        </span>
      ),
    },
    {
      title: t('orders.fields.when'),
      key: 'when',
      render: (_, order) => <OrderWindow order={order} />,
    },
    {
      title: t('orders.fields.status'),
      dataIndex: 'status',
      render: (_, order) => <OrderStatusTag status={order.status} />,
    },
    {
      title: t('orders.fields.price'),
      key: 'price',
      render: (_, order) => <OrderPrice order={order} />,
    },
    {
      title: t('orders.fields.channel'),
      dataIndex: 'channel',
      render: (_, order) => <ChannelTag channel={order.channel} />,
      responsive: ['lg'],
    },
    {
      title: t('orders.fields.community'),
      dataIndex: 'communityId',
      render: (id: string) => communityName(id),
      responsive: ['xl'],
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle
        title={t('orders.title')}
        extra={
          can.act && (
            <Link to="/phone-order">
              <Button type="primary" size="large" icon={<PhoneOutlined />}>
                {t('menu.phoneOrder')}
              </Button>
            </Link>
          )
        }
      />
      <PaymentCasesCard
        onOpenOrder={(orderId) => {
          update({ order: orderId });
        }}
      />
      <Card>
        <Form name="orderSearch" layout="inline" className="search-form">
          <Form.Item label={t('orders.fields.status')}>
            <Select<OrderStatus>
              allowClear
              style={{ width: 180 }}
              placeholder={t('orders.search.allStatuses')}
              value={status}
              data-testid="order-status-filter"
              onChange={(value?: OrderStatus) => {
                filterBy({ status: value ?? null });
              }}
              options={ORDER_STATUSES.map((value) => ({
                value,
                label: t(`orders.status.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('orders.fields.elder')}>
            <ElderPicker value={elder} onChange={showElder} />
          </Form.Item>
          <Form.Item>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void orders.refetch()}
              loading={orders.isFetching}
            >
              {t('common.refresh')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {orders.isError && <ProblemAlert error={orders.error} context={t('orders.loadFailed')} />}
      <Card>
        <PagedTable<Order>
          testId="orders"
          columns={columns}
          rows={orders.data?.items ?? []}
          total={orders.data?.total ?? 0}
          loading={orders.isFetching}
          page={page}
          size={size}
          onPageChange={(nextPage, nextSize) => {
            setPage(nextPage);
            setSize(nextSize);
          }}
          onOpen={(row) => {
            update({ order: row.id });
          }}
        />
      </Card>
      <OrderDrawer
        orderId={openId}
        onClose={() => {
          update({ order: null });
        }}
      />
    </Space>
  );
}
