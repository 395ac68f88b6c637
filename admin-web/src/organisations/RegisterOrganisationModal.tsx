import { App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationKind } from '../api';
import { ProblemAlert, showFieldErrors } from '../components';
import { ORGANISATION_KINDS } from './labels';
import { useRegisterOrganisation } from './useOrganisations';

interface RegisterValues {
  kind: OrganisationKind;
  name: string;
}

interface RegisterOrganisationModalProps {
  open: boolean;
  communityId: string;
  communityName: string;
  onClose: () => void;
}

/** 登记服务商: a canteen, a home-care agency or a clinic of the community. */
export function RegisterOrganisationModal({
  open,
  communityId,
  communityName,
  onClose,
}: RegisterOrganisationModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const register = useRegisterOrganisation();
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      const organisation = await register.mutateAsync({
        communityId,
        kind: values.kind,
        name: values.name.trim(),
      });
      void message.success(t('organisations.registered', { name: organisation.name }));
      close();
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure);
    }
  };

  return (
    <Modal
      open={open}
      title={t('organisations.registerTitle', { community: communityName })}
      okText={t('organisations.registerSubmit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: register.isPending }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
      data-testid="register-organisation-modal"
    >
      {error !== null && <ProblemAlert error={error} context={t('organisations.failed')} />}
      <Form<RegisterValues>
        form={form}
        name="registerOrganisation"
        layout="vertical"
        initialValues={{ kind: 'CANTEEN' }}
        style={{ marginTop: 12 }}
      >
        <Form.Item
          name="kind"
          label={t('organisations.fields.kind')}
          rules={[{ required: true, message: t('organisations.kindRequired') }]}
        >
          <Radio.Group
            options={ORGANISATION_KINDS.map((kind) => ({
              value: kind,
              label: t(`organisations.kind.${kind}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('organisations.fields.name')}
          extra={t('organisations.nameHint')}
          rules={[
            { required: true, whitespace: true, message: t('organisations.nameRequired') },
            { min: 2, max: 60, message: t('organisations.nameLength') },
          ]}
        >
          <Input maxLength={60} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
