import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { PhoneOutlined, SearchOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCommunityName } from '../account';
import type {
  ElderSummary,
  Gender,
  Language,
  Order,
  PlaceOrderRequest,
  PriceListEntry,
  ServiceType,
  Settlement,
} from '../api';
import { PageTitle, ProblemAlert, formatDateTime, formatFen, showFieldErrors } from '../components';
import { MobilityTag, SpecialDifficultyTag, useElders, type ElderFilters } from '../elders';
import { OrderPrice, OrderStatusTag } from './labels';
import { usePlaceOrder, usePriceList } from './useOrders';

interface OrderFormValues {
  service?: ServiceType;
  durationMinutes?: number;
  when: 'NOW' | 'WINDOW';
  windowStart?: string;
  windowEnd?: string;
  settlement: Settlement;
  notes?: string;
  caregiverGender: Gender | 'ANY';
  twoCaregivers: boolean;
  language?: Language;
}

/** "2026-11-23T14:00" typed in Beijing time → an ISO instant. */
function beijingInstant(local: string): string {
  return new Date(`${local}:00+08:00`).toISOString();
}

function searchFilters(query: string): ElderFilters | null {
  const text = query.trim();
  if (!text) return null;
  return /^\d{4}$/.test(text) ? { phoneLast4: text } : { name: text };
}

/** 电话下单: the 12349 hotline case — find the elder, pick from the price list, place the order. */
export function PhoneOrderPage() {
  const { t } = useTranslation();
  const communityName = useCommunityName();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<ElderFilters | null>(null);
  const [elder, setElder] = useState<ElderSummary | null>(null);
  const [placed, setPlaced] = useState<Order | null>(null);
  const elders = useElders(filters ?? {}, 0, 10, filters !== null);
  const priceList = usePriceList(elder?.communityId);
  const place = usePlaceOrder();
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<OrderFormValues>();
  const service = Form.useWatch('service', form);
  const duration = Form.useWatch('durationMinutes', form);
  const settlement = Form.useWatch('settlement', form);
  const when = Form.useWatch('when', form);

  const entries = priceList.data?.entries ?? [];
  const services = [...new Set(entries.map((entry) => entry.service))];
  const durations = entries.filter((entry) => entry.service === service);
  const entry: PriceListEntry | undefined = durations.find(
    (candidate) => candidate.durationMinutes === duration,
  );

  const reset = () => {
    setElder(null);
    setPlaced(null);
    setError(null);
    form.resetFields();
  };

  const submit = async (values: OrderFormValues) => {
    if (!elder || !values.service || !values.durationMinutes) return;
    setError(null);
    const requirements: PlaceOrderRequest['requirements'] = {
      caregiverGender: values.caregiverGender === 'ANY' ? undefined : values.caregiverGender,
      twoCaregivers: values.twoCaregivers,
      language: values.language,
    };
    try {
      const order = await place.mutateAsync({
        elderId: elder.id,
        service: values.service,
        durationMinutes: values.durationMinutes,
        settlement: values.settlement,
        window:
          values.when === 'WINDOW' && values.windowStart && values.windowEnd
            ? { start: beijingInstant(values.windowStart), end: beijingInstant(values.windowEnd) }
            : undefined,
        notes: values.notes?.trim() || undefined,
        requirements,
      });
      setPlaced(order);
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure);
    }
  };

  if (placed && elder) {
    return (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <PageTitle title={t('phoneOrder.title')} />
        <Card data-testid="order-placed">
          <Result
            status="success"
            title={t('phoneOrder.placed')}
            subTitle={t('phoneOrder.placedFor', { elder: elder.maskedName })}
            extra={
              <Space wrap>
                <Link to={`/orders?order=${placed.id}`}>
                  <Button size="large" icon={<UnorderedListOutlined />} data-testid="view-order">
                    {t('phoneOrder.viewOrder')}
                  </Button>
                </Link>
                <Button type="primary" size="large" icon={<PhoneOutlined />} onClick={reset}>
                  {t('phoneOrder.next')}
                </Button>
              </Space>
            }
          />
          <Descriptions column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('orders.fields.service')}>
              {t(`enums.service.${placed.service}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.duration')}>
              {t('orders.minutes', { count: placed.durationMinutes })}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.price')}>
              <strong>
                <OrderPrice order={placed} />
              </strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.settlement')}>
              {t(`orders.settlement.${placed.settlement}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.status')}>
              <OrderStatusTag status={placed.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.when')}>
              {placed.immediate
                ? t('phoneOrder.now')
                : `${formatDateTime(placed.window.start)} – ${formatDateTime(placed.window.end)}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.id')} span={2}>
              <Typography.Text copyable data-testid="order-id">
                {placed.id}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle title={t('phoneOrder.title')} />
      <Card title={t('phoneOrder.step1')}>
        {elder ? (
          <Space wrap data-testid="chosen-elder">
            <Typography.Text strong style={{ fontSize: 18 }}>
              {elder.maskedName}
            </Typography.Text>
            <span>{t(`enums.gender.${elder.gender}`)}</span>
            <span>{t('phoneOrder.age', { age: elder.age })}</span>
            <span>{elder.maskedPhone ?? '—'}</span>
            <span>{communityName(elder.communityId)}</span>
            <MobilityTag level={elder.mobilityLevel} />
            {elder.specialDifficulty && <SpecialDifficultyTag />}
            <Button onClick={reset}>{t('phoneOrder.changeElder')}</Button>
          </Space>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.Search
              size="large"
              autoFocus
              allowClear
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
              }}
              onSearch={(value) => {
                setFilters(searchFilters(value));
              }}
              placeholder={t('phoneOrder.searchPlaceholder')}
              enterButton={<SearchOutlined aria-label={t('common.search')} />}
              data-testid="elder-lookup"
              style={{ maxWidth: 520 }}
            />
            {elders.isError && <ProblemAlert error={elders.error} />}
            {filters !== null && elders.data && (
              <List<ElderSummary>
                bordered
                data-testid="elder-matches"
                dataSource={elders.data.items}
                locale={{ emptyText: <Empty description={t('phoneOrder.noMatch')} /> }}
                renderItem={(match) => (
                  <List.Item
                    actions={[
                      <Button
                        key="choose"
                        type="primary"
                        onClick={() => {
                          setElder(match);
                        }}
                      >
                        {t('phoneOrder.choose')}
                      </Button>,
                    ]}
                  >
                    <Space wrap>
                      <strong>{match.maskedName}</strong>
                      <span>{t(`enums.gender.${match.gender}`)}</span>
                      <span>{t('phoneOrder.age', { age: match.age })}</span>
                      <span>{match.maskedPhone ?? '—'}</span>
                      <span className="muted">{communityName(match.communityId)}</span>
                      {match.specialDifficulty && <SpecialDifficultyTag />}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Space>
        )}
      </Card>
      {elder && (
        <Card title={t('phoneOrder.step2')}>
          {priceList.isError && <ProblemAlert error={priceList.error} />}
          {priceList.data && entries.length === 0 && (
            <Alert type="warning" showIcon title={t('phoneOrder.noPriceList')} />
          )}
          {error !== null && (
            <div style={{ marginBottom: 16 }}>
              <ProblemAlert error={error} context={t('phoneOrder.failed')} />
            </div>
          )}
          {entries.length > 0 && (
            <Form<OrderFormValues>
              form={form}
              name="phoneOrder"
              layout="vertical"
              initialValues={{
                when: 'NOW',
                settlement: 'PAID',
                caregiverGender: 'ANY',
                twoCaregivers: false,
              }}
              onValuesChange={(changed: Partial<OrderFormValues>) => {
                if (changed.service !== undefined) {
                  const first = entries.find((candidate) => candidate.service === changed.service);
                  form.setFieldsValue({
                    durationMinutes: first?.durationMinutes,
                    settlement: 'PAID',
                  });
                }
                if (changed.durationMinutes !== undefined)
                  form.setFieldsValue({ settlement: 'PAID' });
              }}
              onFinish={(values) => void submit(values)}
            >
              <Form.Item
                name="service"
                label={t('orders.fields.service')}
                rules={[{ required: true, message: t('phoneOrder.chooseService') }]}
              >
                <Radio.Group
                  size="large"
                  optionType="button"
                  buttonStyle="solid"
                  options={services.map((value) => ({
                    value,
                    label: t(`enums.service.${value}`),
                  }))}
                />
              </Form.Item>
              {service && (
                <Form.Item
                  name="durationMinutes"
                  label={t('orders.fields.duration')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Radio.Group
                    size="large"
                    optionType="button"
                    buttonStyle="solid"
                    options={durations.map((candidate) => ({
                      value: candidate.durationMinutes,
                      label: t('phoneOrder.durationOption', {
                        minutes: candidate.durationMinutes,
                        price: formatFen(candidate.priceFen),
                      }),
                    }))}
                  />
                </Form.Item>
              )}
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="when" label={t('orders.fields.when')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'NOW', label: t('phoneOrder.now') },
                        { value: 'WINDOW', label: t('phoneOrder.window') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="settlement" label={t('orders.fields.settlement')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'PAID', label: t('orders.settlement.PAID') },
                        {
                          value: 'TIME_BANK',
                          label: t('orders.settlement.TIME_BANK'),
                          disabled: entry?.timeBankMinutes === undefined,
                        },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {when === 'WINDOW' && (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="windowStart"
                      label={t('phoneOrder.windowStart')}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <Input type="datetime-local" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="windowEnd"
                      label={t('phoneOrder.windowEnd')}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <Input type="datetime-local" />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="caregiverGender" label={t('phoneOrder.caregiverGender')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'ANY', label: t('elders.noPreference') },
                        { value: 'FEMALE', label: t('enums.gender.FEMALE') },
                        { value: 'MALE', label: t('enums.gender.MALE') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="language" label={t('phoneOrder.language')}>
                    <Select
                      allowClear
                      placeholder={t('elders.noPreference')}
                      options={(['MANDARIN', 'MONGOLIAN'] as const).map((language) => ({
                        value: language,
                        label: t(`languages.${language}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="twoCaregivers" label=" " valuePropName="checked">
                    <Checkbox>{t('phoneOrder.twoCaregivers')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="notes" label={t('orders.fields.notes')}>
                <Input.TextArea rows={2} maxLength={500} showCount />
              </Form.Item>
              <Space size="large" align="center" wrap>
                <Button
                  type="primary"
                  size="large"
                  htmlType="submit"
                  loading={place.isPending}
                  data-testid="place-order"
                >
                  {t('phoneOrder.submit')}
                </Button>
                {entry && (
                  <Typography.Text strong style={{ fontSize: 20 }} data-testid="price-preview">
                    {settlement === 'TIME_BANK'
                      ? t('orders.minutes', { count: entry.timeBankMinutes ?? 0 })
                      : formatFen(entry.priceFen)}
                  </Typography.Text>
                )}
                {entry?.subsidyEligible && settlement !== 'TIME_BANK' && (
                  <Typography.Text type="secondary">
                    {t('phoneOrder.subsidyEligible')}
                  </Typography.Text>
                )}
              </Space>
            </Form>
          )}
        </Card>
      )}
    </Space>
  );
}
