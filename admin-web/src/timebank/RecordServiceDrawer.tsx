import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, chinaDay, showFieldErrors } from '../components';
import { useRecordService, useVolunteers } from './useTimeBank';

interface RecordValues {
  volunteerId?: string;
  minutes?: number;
  servedOn: string;
  description?: string;
}

interface RecordServiceDrawerProps {
  communityId: string;
  communityName: string;
  open: boolean;
  onClose: () => void;
}

/** 登记志愿服务: a worker records service a volunteer did offline; a second worker reviews it. */
export function RecordServiceDrawer({
  communityId,
  communityName,
  open,
  onClose,
}: RecordServiceDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const volunteers = useVolunteers(communityId);
  const record = useRecordService();
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: RecordValues) => {
    if (!values.volunteerId || !values.minutes || !values.description) return;
    setError(null);
    try {
      await record.mutateAsync({
        volunteerId: values.volunteerId,
        minutes: values.minutes,
        servedOn: values.servedOn,
        description: values.description.trim(),
      });
      void message.success(t('timeBank.recorded'));
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
      size={560}
      title={t('timeBank.recordTitle', { community: communityName })}
      destroyOnHidden
      data-testid="record-service-drawer"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('timeBank.recordHint')}</Typography.Paragraph>
        {volunteers.isError && <ProblemAlert error={volunteers.error} />}
        {error !== null && <ProblemAlert error={error} context={t('timeBank.recordFailed')} />}
        <Form<RecordValues>
          form={form}
          name="recordService"
          layout="vertical"
          initialValues={{ servedOn: chinaDay() }}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            name="volunteerId"
            label={t('timeBank.fields.volunteer')}
            rules={[{ required: true, message: t('timeBank.chooseVolunteer') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={volunteers.isFetching}
              placeholder={t('timeBank.chooseVolunteer')}
              data-testid="record-volunteer"
              options={(volunteers.data ?? []).map((volunteer) => ({
                value: volunteer.id,
                label: volunteer.displayName,
              }))}
            />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item
              name="minutes"
              label={t('timeBank.fields.minutes')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <InputNumber min={1} max={1440} precision={0} suffix={t('timeBank.minutesUnit')} />
            </Form.Item>
            <Form.Item
              name="servedOn"
              label={t('timeBank.fields.servedOn')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input type="date" />
            </Form.Item>
          </Space>
          <Form.Item
            name="description"
            label={t('timeBank.fields.description')}
            rules={[
              { required: true, whitespace: true, message: t('timeBank.descriptionRequired') },
              { min: 2, max: 500, message: t('timeBank.descriptionLength') },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder={t('timeBank.descriptionPlaceholder')}
            />
          </Form.Item>
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            loading={record.isPending}
            data-testid="record-service-submit"
          >
            {t('timeBank.recordSubmit')}
          </Button>
        </Form>
      </Space>
    </Drawer>
  );
}
