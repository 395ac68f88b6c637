import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { CheckOutlined, CloseOutlined, PhoneOutlined } from '@ant-design/icons';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, usePermissions } from '../account';
import type { CallOutcome, Finding, FollowUpCase, RatingLevel } from '../api';
import { ProblemAlert, ReasonModal, formatDateTime, showFieldErrors } from '../components';
import { DueTag, LevelTag } from './labels';
import { useFollowUp, useFollowUpAction, type FollowUpAction } from './useFollowUps';

const LEVELS: RatingLevel[] = [
  'VERY_SATISFIED',
  'SATISFIED',
  'BASICALLY_SATISFIED',
  'DISSATISFIED',
  'VERY_DISSATISFIED',
];
const FINDINGS: Finding[] = ['UPHELD', 'PARTLY_UPHELD', 'NOT_UPHELD'];

interface FollowUpDrawerProps {
  caseId: string | null;
  onClose: () => void;
}

/** One case of 差评回访 from the rating to its closing; the steps a worker takes, in order. */
export function FollowUpDrawer({ caseId, onClose }: FollowUpDrawerProps) {
  const { t } = useTranslation();
  const communityName = useCommunityName();
  const followUp = useFollowUp(caseId);
  const data = followUp.data;

  return (
    <Drawer
      open={caseId !== null}
      onClose={onClose}
      size={760}
      title={t('followUps.detailTitle')}
      destroyOnHidden
      data-testid="follow-up-drawer"
    >
      {followUp.isPending && <Skeleton active />}
      {followUp.isError && <ProblemAlert error={followUp.error} />}
      {data && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {data.overdue && (
            <Alert
              type="error"
              showIcon
              data-testid="overdue-notice"
              title={
                data.escalatedAt
                  ? t('followUps.escalatedNotice', { at: formatDateTime(data.escalatedAt) })
                  : t('followUps.overdueNotice')
              }
            />
          )}
          {data.dueProvisional && data.status === 'OPEN' && (
            <Alert type="info" showIcon title={t('followUps.provisionalNotice')} />
          )}
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
            <Descriptions.Item label={t('followUps.fields.level')}>
              <LevelTag level={data.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.service')}>
              {t(`enums.service.${data.service}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.elder')}>
              {data.elderMaskedName}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.community')}>
              {communityName(data.communityId)}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.ratedAt')}>
              {formatDateTime(data.ratedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.rater')}>
              {t(`followUps.raterRole.${data.raterRole}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.tags')} span={2}>
              {data.tags.length === 0
                ? '—'
                : data.tags.map((tag) => <Tag key={tag}>{t(`ratings.tag.${tag}`)}</Tag>)}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.comment')} span={2}>
              <span data-testid="rating-comment">{data.comment ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.providers')} span={2}>
              {data.providers.map((p) => p.displayName).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.dueOn')}>
              <DueTag dueOn={data.dueOn} overdue={data.overdue} provisional={data.dueProvisional} />
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.status')}>
              <Tag
                color={data.status === 'OPEN' ? 'processing' : 'default'}
                data-testid="case-status"
              >
                {t(`followUps.status.${data.status}`)}
              </Tag>
            </Descriptions.Item>
          </Descriptions>
          <CaseSteps followUp={data} />
        </Space>
      )}
    </Drawer>
  );
}

function CaseSteps({ followUp }: { followUp: FollowUpCase }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const action = useFollowUpAction(followUp.id);
  const [error, setError] = useState<unknown>(null);
  const [appealDecision, setAppealDecision] = useState<boolean | null>(null);
  const [callForm] = Form.useForm<{ outcome: CallOutcome; note?: string }>();
  const [findingForm] = Form.useForm<{ finding: Finding; remedy?: string }>();
  const [closeForm] = Form.useForm<{ handlingLevel?: RatingLevel; note?: string }>();
  const open = followUp.status === 'OPEN' && can.act;
  const reached = followUp.calls.some((call) => call.outcome === 'REACHED');

  const run = async (step: FollowUpAction, done: string, form?: FormInstance) => {
    setError(null);
    try {
      await action.mutateAsync(step);
      form?.resetFields();
      void message.success(done);
    } catch (failure) {
      setError(failure);
      if (form) showFieldErrors(form, failure);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {error !== null && <ProblemAlert error={error} />}

      <Card size="small" title={t('followUps.calls')} data-testid="calls">
        {followUp.calls.length === 0 ? (
          <Typography.Text type="secondary">{t('followUps.noCalls')}</Typography.Text>
        ) : (
          <Timeline
            items={followUp.calls.map((call, i) => ({
              key: i,
              color: call.outcome === 'REACHED' ? 'green' : 'gray',
              content: (
                <span data-testid="call">
                  <strong>{t(`followUps.outcome.${call.outcome}`)}</strong>{' '}
                  <span className="muted">{formatDateTime(call.at)}</span>
                  {call.note && <div>{call.note}</div>}
                </span>
              ),
            }))}
          />
        )}
        {open && (
          <Form
            form={callForm}
            name="call"
            layout="vertical"
            initialValues={{ outcome: 'REACHED' }}
            onFinish={(values) => {
              void run(
                { kind: 'call', outcome: values.outcome, note: values.note?.trim() || undefined },
                t('followUps.callDone'),
                callForm,
              );
            }}
          >
            <Form.Item name="outcome" label={t('followUps.fields.outcome')}>
              <Radio.Group
                options={(['REACHED', 'NOT_REACHABLE'] as const).map((o) => ({
                  value: o,
                  label: t(`followUps.outcome.${o}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('followUps.fields.callNote')}>
              <Input.TextArea rows={2} maxLength={1000} showCount />
            </Form.Item>
            <Button htmlType="submit" icon={<PhoneOutlined />} loading={action.isPending}>
              {t('followUps.recordCall')}
            </Button>
          </Form>
        )}
      </Card>

      <Card size="small" title={t('followUps.providerSide')}>
        {followUp.providerResponse ? (
          <div data-testid="provider-response">
            {followUp.providerResponse}{' '}
            <span className="muted">{formatDateTime(followUp.providerResponseAt)}</span>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('followUps.noProviderResponse')}</Typography.Text>
        )}
        {followUp.appeal && (
          <Alert
            style={{ marginTop: 12 }}
            type={followUp.appeal.status === 'PENDING' ? 'warning' : 'info'}
            data-testid="appeal"
            title={t('followUps.appealTitle', {
              ground: t(`followUps.appealGround.${followUp.appeal.ground}`),
              status: t(`followUps.appealStatus.${followUp.appeal.status}`),
            })}
            description={
              <>
                <div>{followUp.appeal.statement}</div>
                {followUp.appeal.decisionReason && (
                  <div className="muted">{followUp.appeal.decisionReason}</div>
                )}
              </>
            }
            action={
              can.act &&
              followUp.appeal.status === 'PENDING' && (
                <Space orientation="vertical">
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    onClick={() => {
                      setAppealDecision(true);
                    }}
                  >
                    {t('followUps.acceptAppeal')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    icon={<CloseOutlined />}
                    onClick={() => {
                      setAppealDecision(false);
                    }}
                  >
                    {t('followUps.rejectAppeal')}
                  </Button>
                </Space>
              )
            }
          />
        )}
      </Card>

      <Card size="small" title={t('followUps.findingTitle')} data-testid="finding">
        {followUp.finding ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('followUps.fields.finding')}>
              <strong data-testid="finding-value">
                {t(`followUps.finding.${followUp.finding}`)}
              </strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.remedy')}>
              {followUp.remedy ?? '—'}
            </Descriptions.Item>
          </Descriptions>
        ) : open ? (
          <Form
            form={findingForm}
            name="finding"
            layout="vertical"
            onFinish={(values) => {
              void run(
                {
                  kind: 'finding',
                  finding: values.finding,
                  remedy: values.remedy?.trim() || undefined,
                },
                t('followUps.findingDone'),
                findingForm,
              );
            }}
          >
            <Form.Item
              name="finding"
              label={t('followUps.fields.finding')}
              rules={[{ required: true, message: t('followUps.findingRequired') }]}
            >
              <Radio.Group
                options={FINDINGS.map((f) => ({ value: f, label: t(`followUps.finding.${f}`) }))}
              />
            </Form.Item>
            <Form.Item name="remedy" label={t('followUps.fields.remedy')}>
              <Input.TextArea rows={2} maxLength={1000} showCount />
            </Form.Item>
            <Typography.Paragraph type="secondary">
              {t('followUps.findingHint')}
            </Typography.Paragraph>
            <Button htmlType="submit" type="primary" loading={action.isPending}>
              {t('followUps.recordFinding')}
            </Button>
          </Form>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Card>

      <Card size="small" title={t('followUps.closingTitle')} data-testid="closing">
        {followUp.status === 'CLOSED' ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('followUps.fields.closedAt')}>
              {formatDateTime(followUp.closedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.handlingLevel')}>
              {followUp.handlingLevel ? <LevelTag level={followUp.handlingLevel} /> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUps.fields.closeNote')}>
              {followUp.closeNote ?? '—'}
            </Descriptions.Item>
          </Descriptions>
        ) : open ? (
          <Form
            form={closeForm}
            name="close"
            layout="vertical"
            onFinish={(values) => {
              void run(
                {
                  kind: 'close',
                  handlingLevel: values.handlingLevel,
                  note: values.note?.trim() || undefined,
                },
                t('followUps.closeDone'),
                closeForm,
              );
            }}
          >
            <Form.Item
              name="handlingLevel"
              label={t('followUps.fields.handlingLevel')}
              extra={reached ? t('followUps.handlingHintReached') : t('followUps.handlingHint')}
            >
              <Select
                allowClear
                style={{ width: 220 }}
                data-testid="handling-level"
                options={LEVELS.map((l) => ({ value: l, label: t(`ratings.level.${l}`) }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('followUps.fields.closeNote')}>
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={action.isPending}>
              {t('followUps.close')}
            </Button>
          </Form>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Card>

      {followUp.appeal && (
        <ReasonModal
          open={appealDecision !== null}
          title={appealDecision ? t('followUps.acceptAppeal') : t('followUps.rejectAppeal')}
          description={appealDecision ? t('followUps.acceptAppealBody') : undefined}
          okText={appealDecision ? t('followUps.acceptAppeal') : t('followUps.rejectAppeal')}
          danger={appealDecision === false}
          testId="appeal-modal"
          onSubmit={async (reason) => {
            await action.mutateAsync({
              kind: 'appeal',
              ratingId: followUp.ratingId,
              accepted: appealDecision === true,
              reason,
            });
            void message.success(t('followUps.appealDone'));
          }}
          onClose={() => {
            setAppealDecision(null);
          }}
        />
      )}
    </Space>
  );
}
