import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MealPlan, MealPlanStatus } from '../api';
import { addToTimeOfDay, formatFen } from '../components';

const STATUS_COLOUR: Record<MealPlanStatus, string> = {
  ACTIVE: 'green',
  PAUSED: 'gold',
  CANCELLED: 'default',
};

export function MealPlanStatusTag({ status }: { status: MealPlanStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="meal-plan-status">
      {t(`mealPlans.status.${status}`)}
    </Tag>
  );
}

/** The daily delivery window, e.g. 11:00–12:00. */
export function deliveryWindow(plan: Pick<MealPlan, 'windowStart' | 'windowMinutes'>): string {
  return `${plan.windowStart}–${addToTimeOfDay(plan.windowStart, plan.windowMinutes)}`;
}

/** The price of one meal: ¥12.00, or 30 分钟 of the time bank. */
export function MealPrice({ plan }: { plan: MealPlan }) {
  const { t } = useTranslation();
  if (plan.settlement === 'TIME_BANK')
    return <span>{t('orders.minutes', { count: plan.priceMinutes ?? 0 })}</span>;
  return <span>{plan.priceFen == null ? '—' : formatFen(plan.priceFen)}</span>;
}
