import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Progress,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { EnvironmentOutlined, HomeOutlined, UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IneligibleCandidate, Order, RankedCandidate } from '../api';
import { ProblemAlert, formatDateTime } from '../components';
import { RuleKindTag, componentLabel, useRuleText } from './labels';
import type { AssignTarget } from './AssignModal';
import { useCandidates, useCommunityProviders } from './useDispatch';

/** How many of the best candidates show their score breakdown without a click. */
const OPEN_BREAKDOWNS = 3;

interface CandidatesPanelProps {
  order: Order;
  /** When the signed-in worker may assign this order by hand, the board's assign action. */
  onAssign?: (target: AssignTarget) => void;
  refetchInterval: number | false;
}

/**
 * The selected order's candidates as the matching engine sees them now: the eligible ones ranked
 * best first, each score component with its weight and what it rests on; then everyone it had
 * to leave out, with each rule they fail (hard rules no worker may override, soft ones a worker
 * may override with a reason).
 */
export function CandidatesPanel({ order, onAssign, refetchInterval }: CandidatesPanelProps) {
  const { t } = useTranslation();
  const candidates = useCandidates(order.id, refetchInterval);

  if (candidates.isPending) return <Skeleton active />;
  if (candidates.isError)
    return <ProblemAlert error={candidates.error} context={t('dispatch.candidatesFailed')} />;
  const { eligible, ineligible, evaluatedAt, travelLimitMinutes } = candidates.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary" data-testid="candidates-evaluated">
        {t('dispatch.evaluatedAt', {
          at: formatDateTime(evaluatedAt),
          limit: travelLimitMinutes,
        })}
      </Typography.Text>
      <section data-testid="eligible-candidates">
        <Typography.Title level={4}>
          {t('dispatch.eligibleTitle', { count: eligible.length })}
        </Typography.Title>
        {eligible.length === 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('dispatch.noneEligible')}
            description={t('dispatch.noneEligibleHint')}
          />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {eligible.map((candidate, index) => (
              <CandidateCard
                key={candidate.providerId}
                rank={index + 1}
                candidate={candidate}
                travelLimitMinutes={travelLimitMinutes}
                onAssign={onAssign}
              />
            ))}
          </Space>
        )}
      </section>
      <section data-testid="ineligible-candidates">
        <Typography.Title level={4}>
          {t('dispatch.ineligibleTitle', { count: ineligible.length })}
        </Typography.Title>
        <IneligibleList candidates={ineligible} onAssign={onAssign} />
      </section>
      {onAssign && <OtherProvider order={order} onAssign={onAssign} />}
    </Space>
  );
}

function CandidateCard({
  rank,
  candidate,
  travelLimitMinutes,
  onAssign,
}: {
  rank: number;
  candidate: RankedCandidate;
  travelLimitMinutes: number;
  onAssign?: (target: AssignTarget) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(rank <= OPEN_BREAKDOWNS);
  return (
    <Card size="small" data-testid="candidate" className="candidate-card">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space size="middle" wrap>
          <span className="candidate-rank">#{rank}</span>
          <Typography.Text strong className="candidate-name" data-testid="candidate-name">
            {candidate.displayName}
          </Typography.Text>
          <span data-testid="candidate-travel">
            {candidate.origin === 'LIVE_POSITION' ? <EnvironmentOutlined /> : <HomeOutlined />}{' '}
            {t('dispatch.travel', {
              minutes: candidate.travelMinutes.toFixed(1),
              mode: t(`providers.travelMode.${candidate.travelMode}`),
              origin: t(`dispatch.origin.${candidate.origin}`),
            })}
          </span>
        </Space>
        <Space>
          <Tag color="blue" className="status-tag" data-testid="candidate-score">
            {t('dispatch.score', { score: candidate.score.toFixed(2) })}
          </Tag>
          <Button
            type="link"
            onClick={() => {
              setOpen(!open);
            }}
          >
            {open ? t('dispatch.hideBreakdown') : t('dispatch.showBreakdown')}
          </Button>
          {onAssign && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              data-testid="assign"
              onClick={() => {
                onAssign({
                  providerId: candidate.providerId,
                  displayName: candidate.displayName,
                  softRules: [],
                });
              }}
            >
              {t('dispatch.assign')}
            </Button>
          )}
        </Space>
      </Flex>
      {open && (
        <table className="score-table" data-testid="score-breakdown">
          <thead>
            <tr>
              <th>{t('dispatch.componentColumn')}</th>
              <th>{t('dispatch.valueColumn')}</th>
              <th>{t('dispatch.pointsColumn')}</th>
              <th>{t('dispatch.explanationColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {candidate.components.map((part) => (
              <tr key={part.component} data-testid="score-component">
                <td className="score-label">{componentLabel(part.component, t)}</td>
                <td className="score-value">
                  <Progress
                    percent={Math.round(part.value * 100)}
                    size="small"
                    aria-label={componentLabel(part.component, t)}
                  />
                </td>
                <td className="score-points">
                  {t('dispatch.points', {
                    points: part.points.toFixed(2),
                    weight: part.weight.toFixed(2),
                  })}
                </td>
                <td>
                  <div>
                    {part.component === 'TRAVEL'
                      ? t('dispatch.hints.TRAVEL', {
                          minutes: candidate.travelMinutes.toFixed(1),
                          limit: travelLimitMinutes,
                        })
                      : t(`dispatch.hints.${part.component}`)}
                  </div>
                  <div className="muted" data-testid="score-explanation">
                    {part.explanation}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function IneligibleList({
  candidates,
  onAssign,
}: {
  candidates: IneligibleCandidate[];
  onAssign?: (target: AssignTarget) => void;
}) {
  const { t } = useTranslation();
  const ruleText = useRuleText();
  if (candidates.length === 0) return <Empty description={t('dispatch.noneIneligible')} />;
  return (
    <List<IneligibleCandidate>
      bordered
      dataSource={candidates}
      renderItem={(candidate) => (
        <List.Item
          data-testid="ineligible"
          actions={
            onAssign && [
              candidate.reasons.some((reason) => reason.hard) ? (
                <Typography.Text type="secondary" key="hard">
                  {t('dispatch.cannotAssign')}
                </Typography.Text>
              ) : (
                <Button
                  key="override"
                  icon={<UserAddOutlined />}
                  data-testid="assign-override"
                  onClick={() => {
                    onAssign({
                      providerId: candidate.providerId,
                      displayName: candidate.displayName,
                      softRules: candidate.reasons,
                    });
                  }}
                >
                  {t('dispatch.assignOverride')}
                </Button>
              ),
            ]
          }
        >
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong className="candidate-name">
                {candidate.displayName}
              </Typography.Text>
              {candidate.travelMinutes !== undefined && (
                <span className="muted">
                  {t('orders.minutes', { count: Math.round(candidate.travelMinutes) })}
                </span>
              )}
            </Space>
            {candidate.reasons.map((reason) => (
              <div key={reason.rule} data-testid="failed-rule">
                <RuleKindTag hard={reason.hard} />
                <span>{t('dispatch.fails', { rule: ruleText(reason) })}</span>
                <span className="muted">（{reason.detail}）</span>
              </div>
            ))}
          </Space>
        </List.Item>
      )}
    />
  );
}

/**
 * Someone the candidate list does not show (an order for now lists only providers online nearby):
 * the community's providers who offer the service; the api judges the rules when assigning.
 */
function OtherProvider({
  order,
  onAssign,
}: {
  order: Order;
  onAssign: (target: AssignTarget) => void;
}) {
  const { t } = useTranslation();
  const [providerId, setProviderId] = useState<string | undefined>();
  const providers = useCommunityProviders(order.communityId, true);
  const offering = (providers.data?.items ?? []).filter(
    (provider) => provider.services.includes(order.service) && !provider.suspended,
  );
  const chosen = offering.find((provider) => provider.id === providerId);
  return (
    <section data-testid="other-provider">
      <Typography.Title level={4}>{t('dispatch.otherTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dispatch.otherHint')}</Typography.Paragraph>
      {providers.isError && <ProblemAlert error={providers.error} />}
      <Space wrap>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 260 }}
          placeholder={t('dispatch.otherPlaceholder')}
          loading={providers.isPending}
          value={providerId}
          onChange={setProviderId}
          data-testid="other-provider-select"
          options={offering.map((provider) => ({
            value: provider.id,
            label: `${provider.displayName} · ${t(`providers.kind.${provider.kind}`)}`,
          }))}
        />
        <Button
          icon={<UserAddOutlined />}
          disabled={!chosen}
          data-testid="assign-other"
          onClick={() => {
            if (chosen) {
              onAssign({ providerId: chosen.id, displayName: chosen.displayName, softRules: [] });
            }
          }}
        >
          {t('dispatch.assign')}
        </Button>
      </Space>
    </section>
  );
}
