import {
  Alert,
  App,
  Button,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MealPlanDays, Settlement } from '../api';
import { ProblemAlert, chinaDay, formatFen, showFieldErrors } from '../components';
import type { PickedElder } from '../orders';
import { usePriceList } from '../orders';
import { useServiceOrganisations } from '../organisations';
import { usePlaceMealPlan } from './useMealPlans';

interface PlanFormValues {
  canteenId?: string;
  days: MealPlanDays;
  weeks: number;
  firstDay: string;
  windowStart: string;
  windowMinutes: number;
  durationMinutes?: number;
  settlement: Settlement;
  notes?: string;
}

const WINDOW_LENGTHS = [30, 60, 90, 120];

interface PlaceMealPlanDrawerProps {
  elder: PickedElder;
  communityId: string;
  open: boolean;
  onClose: () => void;
}

/**
 * 新建助餐计划: a canteen of the elder's community, every day or every working day for some weeks,
 * a daily delivery window, and the meal's duration and price from the community's price list.
 */
export function PlaceMealPlanDrawer({
  elder,
  communityId,
  open,
  onClose,
}: PlaceMealPlanDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const organisations = useServiceOrganisations(communityId);
  const priceList = usePriceList(communityId);
  const place = usePlaceMealPlan();
  const [error, setError] = useState<unknown>(null);
  const duration = Form.useWatch('durationMinutes', form);
  const settlement = Form.useWatch('settlement', form);

  const canteens = (organisations.data ?? []).filter((o) => o.kind === 'CANTEEN');
  const meals = (priceList.data?.entries ?? []).filter((entry) => entry.service === 'MEAL');
  const entry = meals.find((candidate) => candidate.durationMinutes === duration);
  const ready = canteens.length > 0 && meals.length > 0;

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: PlanFormValues) => {
    if (!values.canteenId || !values.durationMinutes) return;
    setError(null);
    try {
      await place.mutateAsync({
        elderId: elder.id,
        canteenId: values.canteenId,
        days: values.days,
        weeks: values.weeks,
        firstDay: values.firstDay,
        windowStart: values.windowStart,
        windowMinutes: values.windowMinutes,
        durationMinutes: values.durationMinutes,
        settlement: values.settlement,
        notes: values.notes?.trim() || undefined,
      });
      void message.success(t('mealPlans.placed', { elder: elder.maskedName }));
      close();
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      size={720}
      title={t('mealPlans.newTitle', { elder: elder.maskedName })}
      destroyOnHidden
      data-testid="place-meal-plan-drawer"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {organisations.isError && <ProblemAlert error={organisations.error} />}
        {priceList.isError && <ProblemAlert error={priceList.error} />}
        {organisations.data && canteens.length === 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="no-canteen"
            title={t('mealPlans.noCanteen')}
            action={<Link to="/organisations">{t('mealPlans.toOrganisations')}</Link>}
          />
        )}
        {priceList.data && meals.length === 0 && (
          <Alert type="warning" showIcon title={t('mealPlans.noMealPrice')} />
        )}
        {error !== null && <ProblemAlert error={error} context={t('mealPlans.failed')} />}
        {ready && (
          <Form<PlanFormValues>
            form={form}
            name="mealPlan"
            layout="vertical"
            initialValues={{
              canteenId: canteens.length === 1 ? canteens[0]?.id : undefined,
              days: 'DAILY',
              weeks: 4,
              firstDay: chinaDay(1),
              windowStart: '11:00',
              windowMinutes: 60,
              durationMinutes: meals[0]?.durationMinutes,
              settlement: 'PAID',
            }}
            onValuesChange={(changed: Partial<PlanFormValues>) => {
              // the settlement the new duration allows is for the worker to choose again
              if (changed.durationMinutes !== undefined)
                form.setFieldsValue({ settlement: 'PAID' });
            }}
            onFinish={(values) => void submit(values)}
          >
            <Form.Item
              name="canteenId"
              label={t('mealPlans.fields.canteen')}
              rules={[{ required: true, message: t('mealPlans.chooseCanteen') }]}
            >
              <Select
                data-testid="meal-plan-canteen"
                placeholder={t('mealPlans.chooseCanteen')}
                options={canteens.map((canteen) => ({ value: canteen.id, label: canteen.name }))}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="days"
                  label={t('mealPlans.fields.days')}
                  extra={t('mealPlans.daysHint')}
                >
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={(['DAILY', 'WORKDAYS'] as const).map((days) => ({
                      value: days,
                      label: t(`mealPlans.days.${days}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="weeks"
                  label={t('mealPlans.fields.weeks')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <InputNumber min={1} max={26} precision={0} suffix={t('mealPlans.weeksUnit')} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="firstDay"
                  label={t('mealPlans.fields.firstDay')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Input type="date" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="windowStart"
                  label={t('mealPlans.fields.windowStart')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Input type="time" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="windowMinutes" label={t('mealPlans.fields.windowMinutes')}>
                  <Select
                    options={WINDOW_LENGTHS.map((minutes) => ({
                      value: minutes,
                      label: t('orders.minutes', { count: minutes }),
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="durationMinutes"
              label={t('mealPlans.fields.duration')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={meals.map((candidate) => ({
                  value: candidate.durationMinutes,
                  label: t('phoneOrder.durationOption', {
                    minutes: candidate.durationMinutes,
                    price: formatFen(candidate.priceFen),
                  }),
                }))}
              />
            </Form.Item>
            <Form.Item name="settlement" label={t('orders.fields.settlement')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'PAID', label: t('orders.settlement.PAID') },
                  {
                    value: 'TIME_BANK',
                    label: t('orders.settlement.TIME_BANK'),
                    disabled: entry?.timeBankMinutes == null,
                  },
                ]}
              />
            </Form.Item>
            <Form.Item name="notes" label={t('mealPlans.fields.notes')}>
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
            <Space size="large" align="center" wrap>
              <Button
                type="primary"
                size="large"
                htmlType="submit"
                loading={place.isPending}
                data-testid="place-meal-plan"
              >
                {t('mealPlans.submit')}
              </Button>
              {entry && (
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="meal-price-preview">
                  {t('mealPlans.perMeal', {
                    price:
                      settlement === 'TIME_BANK'
                        ? t('orders.minutes', { count: entry.timeBankMinutes ?? 0 })
                        : formatFen(entry.priceFen),
                  })}
                </Typography.Text>
              )}
            </Space>
          </Form>
        )}
      </Space>
    </Drawer>
  );
}
