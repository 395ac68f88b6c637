import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { ReloadOutlined, RetweetOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCurrentStaff, usePermissions } from '../account';
import type { DispatchBoardEntry, Order } from '../api';
import {
  PageTitle,
  ProblemAlert,
  ReasonModal,
  formatDateTime,
  minutesBetween,
} from '../components';
import { ChannelTag, OrderStatusTag, OrderWindow, SeatsLine, useOrder } from '../orders';
import { AssignModal, type AssignTarget } from './AssignModal';
import { CandidatesPanel } from './CandidatesPanel';
import { AttentionTag } from './labels';
import { useCommunityLive } from './useCommunityLive';
import { BOARD_LIVE_POLL_MS, BOARD_POLL_MS, useBoard, useRedispatch } from './useDispatch';

/** Below this width the queue and the candidates stand one above the other. */
const STACKED = '(max-width: 1199px)';

/**
 * 调度台: per covered community, the orders that need a person (matching gave up, its deadline is
 * near, nobody checked in), the most urgent first; for the selected one, who could serve it and
 * why, who could not and why not, and assigning by hand. The community and the selected order
 * live in the address (?community=&order=), so that the orders screen can link here.
 */
export function DispatchBoardPage() {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  const [params, setParams] = useSearchParams();
  const communityId = params.get('community') ?? me.communities[0]?.id;
  const selectedId = params.get('order');
  const live = useCommunityLive(communityId);
  const board = useBoard(communityId, live === 'live' ? BOARD_LIVE_POLL_MS : BOARD_POLL_MS);
  const entries = board.data?.entries ?? [];
  const entry = entries.find((candidate) => candidate.order.id === selectedId);
  // an order opened by a link may not be on the board (matching, assigned): read it on its own
  const linked = useOrder(selectedId !== null && !entry ? selectedId : null);
  const selected: Order | undefined = entry?.order ?? linked.data;
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (selectedId && window.matchMedia(STACKED).matches) {
      panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }, [selectedId]);

  const select = (changes: Record<string, string | null>) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  };

  if (!communityId) {
    return (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <PageTitle title={t('dispatch.title')} />
        <Empty description={t('home.communitiesEmpty')} />
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle
        title={t('dispatch.title')}
        extra={
          <Space wrap>
            <Typography.Text type="secondary" data-testid="board-freshness">
              {live === 'live' && <Badge status="processing" />}{' '}
              {t(live === 'live' ? 'dispatch.live' : 'dispatch.polling', {
                seconds: BOARD_POLL_MS / 1000,
                at: board.dataUpdatedAt
                  ? formatDateTime(new Date(board.dataUpdatedAt).toISOString()).slice(11)
                  : '—',
              })}
            </Typography.Text>
            <Button
              icon={<ReloadOutlined />}
              loading={board.isFetching}
              onClick={() => void board.refetch()}
            >
              {t('common.refresh')}
            </Button>
          </Space>
        }
      />
      <Tabs
        activeKey={communityId}
        onChange={(key) => {
          select({ community: key, order: null });
        }}
        items={me.communities.map((community) => ({ key: community.id, label: community.name }))}
        data-testid="board-communities"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card
            title={t('dispatch.queueTitle', { count: entries.length })}
            data-testid="board-queue"
          >
            {board.isError && (
              <ProblemAlert error={board.error} context={t('dispatch.queueFailed')} />
            )}
            <List<DispatchBoardEntry>
              loading={board.isPending}
              dataSource={entries}
              locale={{ emptyText: <Empty description={t('dispatch.queueEmpty')} /> }}
              renderItem={(item) => (
                <QueueItem
                  item={item}
                  selected={item.order.id === selectedId}
                  onSelect={() => {
                    select({ order: item.order.id });
                  }}
                />
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <div ref={panel} className="board-panel">
            {selectedId === null ? (
              <Card title={t('dispatch.candidatesTitle')} data-testid="board-candidates">
                <Empty description={t('dispatch.pickOrder')} />
              </Card>
            ) : (
              <Card data-testid="board-candidates" loading={!selected && linked.isPending}>
                {linked.isError && <ProblemAlert error={linked.error} />}
                {selected && <SelectedOrder order={selected} onBoard={entry !== undefined} />}
              </Card>
            )}
          </div>
        </Col>
      </Row>
    </Space>
  );
}

/** The selected order: what it is, who holds its seats, its candidates and the worker's actions. */
function SelectedOrder({ order, onBoard }: { order: Order; onBoard: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const [target, setTarget] = useState<AssignTarget | null>(null);
  const [redispatching, setRedispatching] = useState(false);
  const redispatch = useRedispatch(order.id);
  // a worker assigns an escalated order, or takes over one still matching
  const assignable = can.act && (order.status === 'ESCALATED' || order.status === 'MATCHING');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <span className="board-elder">{order.elderMaskedName}</span>
          <span>
            {t(`enums.service.${order.service}`)} ·{' '}
            {t('orders.minutes', { count: order.durationMinutes })}
          </span>
          <OrderStatusTag status={order.status} />
        </Space>
        <Space wrap>
          {can.act && order.status === 'ESCALATED' && (
            <Button
              icon={<RetweetOutlined />}
              data-testid="redispatch"
              onClick={() => {
                setRedispatching(true);
              }}
            >
              {t('dispatch.redispatch')}
            </Button>
          )}
          <Link to={`/orders?order=${order.id}`}>{t('dispatch.orderDetails')}</Link>
        </Space>
      </Space>
      {!onBoard && (
        <Alert
          type="info"
          showIcon
          title={t('dispatch.notOnBoard', { status: t(`orders.status.${order.status}`) })}
        />
      )}
      <Typography.Text>
        <OrderWindow order={order} />
        {order.notes && <span className="muted"> · {order.notes}</span>}
      </Typography.Text>
      {(order.seats?.some((seat) => seat.providerId) ?? false) && <SeatsLine order={order} />}
      {order.status === 'MATCHING' && assignable && (
        <Typography.Text type="secondary">{t('dispatch.takeOverHint')}</Typography.Text>
      )}
      <CandidatesPanel
        order={order}
        onAssign={assignable ? setTarget : undefined}
        refetchInterval={BOARD_POLL_MS * 2}
      />
      <AssignModal
        order={order}
        target={target}
        onClose={() => {
          setTarget(null);
        }}
      />
      <ReasonModal
        open={redispatching}
        title={t('dispatch.redispatchTitle', { elder: order.elderMaskedName })}
        description={t('dispatch.redispatchBody')}
        okText={t('dispatch.redispatch')}
        cancelText={t('common.back')}
        option={t('dispatch.broadcast')}
        testId="redispatch-modal"
        onSubmit={async (reason, broadcast) => {
          const after = await redispatch.mutateAsync({ reason, broadcast });
          void message.info(
            after.status === 'ESCALATED'
              ? t('dispatch.redispatchedNobody')
              : t('dispatch.redispatched'),
          );
        }}
        onClose={() => {
          setRedispatching(false);
        }}
      />
    </Space>
  );
}

function QueueItem({
  item,
  selected,
  onSelect,
}: {
  item: DispatchBoardEntry;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const { order } = item;
  const now = new Date();
  return (
    <List.Item
      className={selected ? 'queue-item queue-item-selected' : 'queue-item'}
      onClick={onSelect}
      data-testid="board-order"
      aria-current={selected ? 'true' : undefined}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <span className="board-elder">{order.elderMaskedName}</span>
          <AttentionTag reason={item.attention} />
        </Space>
        <span>
          {t(`enums.service.${order.service}`)} ·{' '}
          {t('orders.minutes', { count: order.durationMinutes })} · <OrderWindow order={order} />
        </span>
        <Space wrap className="muted">
          {item.deadline ? (
            <span className="deadline">
              {t('dispatch.deadline', {
                count: Math.max(0, -minutesBetween(item.deadline, now)),
              })}
            </span>
          ) : (
            <span>
              {t('dispatch.waiting', {
                count: Math.max(0, minutesBetween(item.since ?? order.placedAt, now)),
              })}
            </span>
          )}
          <ChannelTag channel={order.channel} />
        </Space>
      </Space>
    </List.Item>
  );
}
