import { Alert, Button, Card, Empty, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName } from '../account';
import { PageTitle, ProblemAlert } from '../components';
import { ElderPicker, type PickedElder } from '../orders';
import { useOrganisationsById } from '../organisations';
import { MealPlanCard } from './MealPlanCard';
import { PlaceMealPlanDrawer } from './PlaceMealPlanDrawer';
import { useMealPlans } from './useMealPlans';

/**
 * 助餐计划: for an elder who phones in, their recurring meals from a community canteen (老年餐桌) —
 * what is planned and each coming day's order, placing a plan, pausing, resuming and cancelling.
 */
export function MealPlansPage() {
  const { t } = useTranslation();
  const communityName = useCommunityName();
  const [elder, setElder] = useState<PickedElder | null>(null);
  const [placing, setPlacing] = useState(false);
  const plans = useMealPlans(elder?.id);
  const communityId = elder?.communityId ?? plans.data?.[0]?.communityId;
  const organisations = useOrganisationsById(communityId ? [communityId] : []);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle
        title={t('mealPlans.title')}
        extra={
          elder &&
          communityId && (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => {
                setPlacing(true);
              }}
              data-testid="new-meal-plan"
            >
              {t('mealPlans.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('mealPlans.intro')}</Typography.Paragraph>
      <Card title={t('mealPlans.step1')}>
        <Space wrap size="large">
          <ElderPicker value={elder} onChange={setElder} testId="meal-plan-elder" width={320} />
          {elder && communityId && (
            <Typography.Text data-testid="meal-plan-elder-community">
              {communityName(communityId)}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {!elder && <Alert type="info" showIcon title={t('mealPlans.pickElder')} />}
      {elder && (
        <Card title={t('mealPlans.plansTitle', { elder: elder.maskedName })}>
          {plans.isPending && <Skeleton active />}
          {plans.isError && (
            <ProblemAlert error={plans.error} context={t('mealPlans.loadFailed')} />
          )}
          {plans.data && plans.data.length === 0 && (
            <div data-testid="no-meal-plans">
              <Empty description={t('mealPlans.none')} />
            </div>
          )}
          {plans.data && plans.data.length > 0 && (
            <div data-testid="meal-plans">
              <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                {plans.data.map((plan) => (
                  <MealPlanCard
                    key={plan.id}
                    plan={plan}
                    elderName={elder.maskedName}
                    canteen={organisations.get(plan.canteenId)}
                  />
                ))}
              </Space>
            </div>
          )}
        </Card>
      )}
      {elder && communityId && (
        <PlaceMealPlanDrawer
          elder={elder}
          communityId={communityId}
          open={placing}
          onClose={() => {
            setPlacing(false);
          }}
        />
      )}
    </Space>
  );
}
