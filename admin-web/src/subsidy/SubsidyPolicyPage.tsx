import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, useCurrentStaff, usePermissions } from '../account';
import { isApiError, type SubsidyPolicy } from '../api';
import {
  CommunitySelect,
  fenToYuan,
  formatDateTime,
  formatFen,
  PageTitle,
  ProblemAlert,
  yuanToFen,
} from '../components';
import { usePriceList } from '../orders';
import { useSetSubsidyPolicy, useSubsidyPolicy } from './useSubsidyPolicy';

interface PolicyFormValues {
  /** 元 as typed; the api's field name, so that its field errors land here. */
  monthlyFen: string;
}

/**
 * 养老服务补贴: the community's monthly allowance per eligible elder (月度额度, shown in 元, kept in
 * fen), who receives it and for which services, and — for the operator — changing it, as they set
 * up price lists. The community's workers and the district official read it.
 */
export function SubsidyPolicyPage() {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  const can = usePermissions();
  const communityName = useCommunityName();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const communityId = chosen ?? me.communities[0]?.id;
  const policy = useSubsidyPolicy(communityId);
  const prices = usePriceList(communityId);
  const eligibleServices = (prices.data?.entries ?? []).filter((entry) => entry.subsidyEligible);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle title={t('subsidy.title')} />
      {me.communities.length > 1 && (
        <Card>
          <Space wrap>
            <span>{t('subsidy.community')}</span>
            <CommunitySelect
              style={{ minWidth: 220 }}
              value={communityId}
              onChange={setChosen}
              data-testid="subsidy-community"
            />
          </Space>
        </Card>
      )}
      {policy.isError && <ProblemAlert error={policy.error} context={t('subsidy.loadFailed')} />}
      {policy.isPending && communityId !== undefined && <Skeleton active />}
      {policy.data && (
        <Card
          title={t('subsidy.policyTitle', { community: communityName(policy.data.communityId) })}
        >
          <Descriptions column={1} bordered size="middle" data-testid="subsidy-policy">
            <Descriptions.Item label={t('subsidy.monthly')}>
              <Space wrap>
                <Typography.Text strong data-testid="subsidy-monthly">
                  {t('subsidy.yuanPerMonth', { yuan: fenToYuan(policy.data.monthlyFen) })}
                </Typography.Text>
                <Tag color={policy.data.communityDefault ? 'default' : 'blue'}>
                  {policy.data.communityDefault ? t('subsidy.default') : t('subsidy.own')}
                </Tag>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('subsidy.eligibleElders')}>
              <span data-testid="subsidy-eligible-elders">
                {t('subsidy.elderCount', { count: policy.data.eligibleElders ?? 0 })}
              </span>
              <div className="muted">{t('subsidy.eligibleEldersHint')}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t('subsidy.eligibleServices')}>
              {prices.isError && <ProblemAlert error={prices.error} />}
              {eligibleServices.length === 0 && !prices.isPending
                ? t('subsidy.noEligibleServices')
                : eligibleServices.map((entry) => (
                    <Tag key={`${entry.service}-${String(entry.durationMinutes)}`}>
                      {t(`enums.service.${entry.service}`)}{' '}
                      {t('orders.minutes', { count: entry.durationMinutes })}{' '}
                      {formatFen(entry.priceFen)}
                    </Tag>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('subsidy.howItPays')}>
              {t('subsidy.rule')}
            </Descriptions.Item>
            <Descriptions.Item label={t('subsidy.updated')}>
              <span data-testid="subsidy-updated">
                {policy.data.updatedAt
                  ? t('subsidy.updatedBy', {
                      at: formatDateTime(policy.data.updatedAt),
                      name: policy.data.updatedByName ?? '—',
                    })
                  : '—'}
              </span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {policy.data &&
        (can.configure ? (
          <PolicyForm key={policy.data.communityId} policy={policy.data} />
        ) : (
          <Alert
            type="info"
            showIcon
            title={t('subsidy.readOnly')}
            data-testid="subsidy-read-only"
          />
        ))}
    </Space>
  );
}

/** 修改月度额度: in 元, turned into whole fen without floating point; the api's errors on the field. */
function PolicyForm({ policy }: { policy: SubsidyPolicy }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyFormValues>();
  const save = useSetSubsidyPolicy(policy.communityId);

  const submit = async (values: PolicyFormValues) => {
    const fen = yuanToFen(values.monthlyFen);
    if (fen === null) return;
    try {
      const saved = await save.mutateAsync(fen);
      form.setFieldsValue({ monthlyFen: fenToYuan(saved.monthlyFen) });
      void message.success(t('subsidy.saved', { yuan: fenToYuan(saved.monthlyFen) }));
    } catch (failure) {
      // the api speaks fen: its rules on the amount are worded here in 元
      const onAmount = (isApiError(failure) ? (failure.problem?.errors ?? []) : []).filter(
        (violation) => violation.field === 'monthlyFen',
      );
      if (onAmount.length > 0) {
        form.setFields([
          {
            name: 'monthlyFen',
            errors: onAmount.map((violation) => amountRule(violation.rule) ?? violation.message),
          },
        ]);
      }
    }
  };

  const amountRule = (rule: string): string | undefined => {
    if (rule === 'max') return t('subsidy.errors.max');
    if (rule === 'min') return t('subsidy.errors.min');
    return undefined;
  };

  return (
    <Card title={t('subsidy.changeTitle')}>
      <Form<PolicyFormValues>
        form={form}
        name="subsidyPolicy"
        layout="vertical"
        initialValues={{ monthlyFen: fenToYuan(policy.monthlyFen) }}
        onFinish={(values) => void submit(values)}
        style={{ maxWidth: 480 }}
      >
        {save.isError && (
          <ProblemAlert
            error={save.error}
            context={t('subsidy.saveFailed')}
            describeFieldError={(violation) =>
              violation.field === 'monthlyFen' ? amountRule(violation.rule) : undefined
            }
          />
        )}
        <Form.Item
          name="monthlyFen"
          label={t('subsidy.monthlyInput')}
          extra={t('subsidy.changeHint')}
          rules={[
            { required: true, whitespace: true, message: t('subsidy.errors.required') },
            {
              validator: (_, value: string | undefined) =>
                value === undefined || value.trim() === '' || yuanToFen(value) !== null
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('subsidy.errors.format'))),
            },
          ]}
        >
          <Input
            inputMode="decimal"
            suffix={t('subsidy.yuan')}
            style={{ maxWidth: 240 }}
            data-testid="subsidy-input"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={save.isPending}
          data-testid="subsidy-save"
        >
          {t('subsidy.save')}
        </Button>
      </Form>
    </Card>
  );
}
