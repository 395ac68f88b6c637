import { Alert, App, Button, Checkbox, Drawer, Form, Input, Radio, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SafetyRisk, ServiceType, UnvisitedElder, VisitCondition, VisitMethod } from '../api';
import { ProblemAlert, showFieldErrors } from '../components';
import { useRecordVisit } from './useVisits';

const CONDITIONS: VisitCondition[] = ['GOOD', 'FAIR', 'POOR'];
const RISKS: SafetyRisk[] = [
  'FALL',
  'FIRE',
  'GAS',
  'ELECTRICAL',
  'MEDICATION',
  'FRAUD',
  'ALONE_UNATTENDED',
  'HOUSING',
  'OTHER',
];
const SERVICES: ServiceType[] = ['MEAL', 'BATHING', 'CLEANING', 'MEDICAL_VISIT'];

interface VisitFormValues {
  visitedAt: string;
  method: VisitMethod;
  health: VisitCondition;
  livingConditions: VisitCondition;
  safetyRisks: SafetyRisk[];
  needs: ServiceType[];
  findings?: string;
  followUp?: string;
}

/** The browser's local time of day, to the minute, as a datetime-local input wants it. */
function localMinute(date: Date): string {
  const pad = (n: number) => n.toString().padStart(2, '0');
  return `${date.getFullYear().toString()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface RecordVisitDrawerProps {
  elder: UnvisitedElder | null;
  allowedMethods: VisitMethod[];
  onClose: () => void;
}

/** 记录探访: who was visited, when and how, what was found and what follows (POST /visits). */
export function RecordVisitDrawer({ elder, allowedMethods, onClose }: RecordVisitDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordVisit();
  const [form] = Form.useForm<VisitFormValues>();
  const [error, setError] = useState<unknown>(null);
  const risks = Form.useWatch('safetyRisks', form) as SafetyRisk[] | undefined;
  const close = () => {
    setError(null);
    onClose();
  };

  useEffect(() => {
    if (elder) {
      form.resetFields();
      form.setFieldsValue({
        visitedAt: localMinute(new Date()),
        method: allowedMethods[0] ?? 'HOME',
        health: 'GOOD',
        livingConditions: 'GOOD',
        safetyRisks: [],
        needs: [],
      });
    }
  }, [elder, allowedMethods, form]);

  const submit = async (values: VisitFormValues) => {
    if (!elder) return;
    setError(null);
    try {
      await record.mutateAsync({
        elderId: elder.elderId,
        visitedAt: new Date(values.visitedAt).toISOString(),
        method: values.method,
        health: values.health,
        livingConditions: values.livingConditions,
        safetyRisks: values.safetyRisks,
        needs: values.needs,
        findings: values.findings?.trim() || undefined,
        followUp: values.followUp?.trim() || undefined,
      });
      void message.success(t('visits.form.saved', { name: elder.maskedName }));
      close();
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure);
    }
  };

  const required = { required: true, message: t('common.required') };
  const riskFound = (risks ?? []).length > 0;

  return (
    <Drawer
      open={elder !== null}
      onClose={close}
      size={640}
      title={elder ? t('visits.form.title', { name: elder.maskedName }) : ''}
      data-testid="record-visit-drawer"
      footer={
        <Space>
          <Button
            type="primary"
            size="large"
            loading={record.isPending}
            onClick={() => {
              form.submit();
            }}
            data-testid="record-visit-submit"
          >
            {t('visits.form.submit')}
          </Button>
          <Button size="large" onClick={close}>
            {t('common.cancel')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {error !== null && <ProblemAlert error={error} />}
        <Form<VisitFormValues>
          form={form}
          layout="vertical"
          name="recordVisit"
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            name="visitedAt"
            label={t('visits.form.visitedAt')}
            rules={[
              required,
              {
                validator: (_, value: string | undefined) =>
                  value && new Date(value).getTime() > Date.now()
                    ? Promise.reject(new Error(t('visits.form.futureTime')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input type="datetime-local" max={localMinute(new Date())} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="method" label={t('visits.form.method')} rules={[required]}>
            <Radio.Group
              options={allowedMethods.map((method) => ({
                value: method,
                label: t(`visits.method.${method}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="health" label={t('visits.form.health')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={CONDITIONS.map((c) => ({ value: c, label: t(`visits.condition.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="livingConditions"
            label={t('visits.form.livingConditions')}
            rules={[required]}
          >
            <Radio.Group
              optionType="button"
              options={CONDITIONS.map((c) => ({ value: c, label: t(`visits.condition.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="safetyRisks" label={t('visits.form.safetyRisks')}>
            <Checkbox.Group
              options={RISKS.map((risk) => ({ value: risk, label: t(`visits.risk.${risk}`) }))}
            />
          </Form.Item>
          <Form.Item name="needs" label={t('visits.form.needs')}>
            <Checkbox.Group
              options={SERVICES.map((s) => ({ value: s, label: t(`enums.service.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="findings" label={t('visits.form.findings')}>
            <Input.TextArea
              rows={3}
              maxLength={1000}
              showCount
              placeholder={t('visits.form.findingsPlaceholder')}
            />
          </Form.Item>
          {riskFound && <Alert type="warning" showIcon title={t('visits.form.followUpRequired')} />}
          <Form.Item
            name="followUp"
            label={t('visits.form.followUp')}
            rules={
              riskFound ? [{ required: true, message: t('visits.form.followUpRequired') }] : []
            }
          >
            <Input.TextArea
              rows={3}
              maxLength={1000}
              showCount
              placeholder={t('visits.form.followUpPlaceholder')}
            />
          </Form.Item>
        </Form>
      </Space>
    </Drawer>
  );
}
