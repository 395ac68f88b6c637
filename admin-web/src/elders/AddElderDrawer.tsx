import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentStaff } from '../account';
import type { CreateElderRequest, Elder, Gender, MobilityLevel, ServiceType } from '../api';
import { useCommunities } from '../communities';
import { ProblemAlert, showFieldErrors } from '../components';
import { useCreateElder } from './useElders';

const GENDERS: Gender[] = ['FEMALE', 'MALE'];
const MOBILITY: MobilityLevel[] = ['SELF_CARE', 'PARTIALLY_DISABLED', 'DISABLED'];
const SERVICES: ServiceType[] = ['MEAL', 'BATHING', 'CLEANING', 'MEDICAL_VISIT'];

interface ElderFormValues {
  communityId: string;
  name: string;
  idNumber: string;
  gender: Gender;
  birthDate: string;
  phone?: string;
  address: string;
  location: { lat: number; lon: number };
  mobilityLevel: MobilityLevel;
  needs: ServiceType[];
  languages: CreateElderRequest['languages'];
  bathingGenderPreference?: Gender | 'NONE';
  specialDifficulty: boolean;
  subsidyEligible: boolean;
  emergencyContact?: { name?: string; phone?: string; relationship?: string };
}

/** The birth date (YYYY-MM-DD) and gender an 18-character resident ID number carries. */
function fromIdNumber(idNumber: string): { birthDate: string; gender: Gender } | null {
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})\d{2}(\d)[\dXx]$/.exec(idNumber.trim());
  if (!match) return null;
  const [, year, month, day, sequence] = match;
  if (!year || !month || !day || !sequence) return null;
  return {
    birthDate: `${year}-${month}-${day}`,
    gender: Number(sequence) % 2 === 1 ? 'MALE' : 'FEMALE',
  };
}

function toRequest(values: ElderFormValues): CreateElderRequest {
  const contact = values.emergencyContact;
  const hasContact = Boolean(contact?.name?.trim() || contact?.phone?.trim());
  const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  return {
    communityId: values.communityId,
    name: values.name.trim(),
    gender: values.gender,
    birthDate: values.birthDate,
    idNumber: values.idNumber.trim().toUpperCase(),
    phone: optional(values.phone),
    address: values.address.trim(),
    location: values.location,
    mobilityLevel: values.mobilityLevel,
    needs: values.needs,
    languages: values.languages,
    bathingGenderPreference:
      values.bathingGenderPreference === 'NONE' ? undefined : values.bathingGenderPreference,
    specialDifficulty: values.specialDifficulty,
    subsidyEligible: values.subsidyEligible,
    emergencyContact: hasContact
      ? {
          name: contact?.name?.trim() ?? '',
          phone: contact?.phone?.trim() ?? '',
          relationship: optional(contact?.relationship),
        }
      : undefined,
  };
}

interface AddElderDrawerProps {
  open: boolean;
  onClose: () => void;
  onCreated: (elder: Elder) => void;
}

/** 新增老人档案: a worker adds an elder who phoned in (POST /elders, no family binding). */
export function AddElderDrawer({ open, onClose, onCreated }: AddElderDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentStaff();
  const communities = useCommunities();
  const create = useCreateElder();
  const [form] = Form.useForm<ElderFormValues>();
  const [error, setError] = useState<unknown>(null);
  const communityId = Form.useWatch('communityId', form);

  // the elder's location starts at the community's centre; the worker may correct it
  useEffect(() => {
    const centre = communities.data?.find((community) => community.id === communityId)?.centre;
    if (centre) form.setFieldsValue({ location: { lat: centre.lat, lon: centre.lon } });
  }, [communityId, communities.data, form]);

  const submit = async (values: ElderFormValues) => {
    setError(null);
    try {
      const elder = await create.mutateAsync(toRequest(values));
      void message.success(t('elders.add.created', { name: elder.name }));
      form.resetFields();
      onCreated(elder);
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure);
    }
  };

  const required = { required: true, message: t('common.required') };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={t('elders.add.title')}
      data-testid="add-elder-drawer"
      footer={
        <Space>
          <Button
            type="primary"
            size="large"
            loading={create.isPending}
            onClick={() => {
              form.submit();
            }}
            data-testid="add-elder-submit"
          >
            {t('elders.add.submit')}
          </Button>
          <Button size="large" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('elders.add.hint')} style={{ marginBottom: 16 }} />
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} context={t('elders.add.failed')} />
        </div>
      )}
      <Form<ElderFormValues>
        form={form}
        name="addElder"
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{
          communityId: me.communities[0]?.id,
          needs: [],
          languages: ['MANDARIN'],
          bathingGenderPreference: 'NONE',
          specialDifficulty: false,
          subsidyEligible: false,
        }}
        onValuesChange={(changed: Partial<ElderFormValues>) => {
          if (changed.idNumber !== undefined) {
            const derived = fromIdNumber(changed.idNumber);
            if (derived) form.setFieldsValue(derived);
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="communityId" label={t('elders.fields.community')} rules={[required]}>
              <Select
                options={me.communities.map((community) => ({
                  value: community.id,
                  label: community.name,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('elders.fields.name')} rules={[required]}>
              <Input maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="idNumber"
              label={t('elders.fields.idNumber')}
              rules={[required]}
              extra={t('elders.add.idNumberHint')}
            >
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('elders.fields.phone')}>
              <Input maxLength={11} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="birthDate" label={t('elders.fields.birthDate')} rules={[required]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="gender" label={t('elders.fields.gender')} rules={[required]}>
              <Radio.Group
                optionType="button"
                options={GENDERS.map((gender) => ({
                  value: gender,
                  label: t(`enums.gender.${gender}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('elders.fields.address')} rules={[required]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['location', 'lat']} label={t('elders.fields.lat')} rules={[required]}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['location', 'lon']} label={t('elders.fields.lon')} rules={[required]}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="mobilityLevel"
              label={t('elders.fields.mobilityLevel')}
              rules={[required]}
            >
              <Radio.Group
                optionType="button"
                options={MOBILITY.map((level) => ({
                  value: level,
                  label: t(`enums.mobility.${level}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="needs" label={t('elders.fields.needs')}>
              <Checkbox.Group
                options={SERVICES.map((service) => ({
                  value: service,
                  label: t(`enums.service.${service}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="languages" label={t('elders.fields.languages')}>
              <Checkbox.Group
                options={(['MANDARIN', 'MONGOLIAN'] as const).map((language) => ({
                  value: language,
                  label: t(`languages.${language}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="bathingGenderPreference"
              label={t('elders.fields.bathingGenderPreference')}
            >
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'NONE', label: t('elders.noPreference') },
                  ...GENDERS.map((gender) => ({
                    value: gender,
                    label: t(`enums.gender.${gender}`),
                  })),
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="specialDifficulty"
              label={t('elders.fields.specialDifficulty')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="subsidyEligible"
              label={t('elders.fields.subsidyEligible')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('elders.fields.emergencyContact')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['emergencyContact', 'name']} label={t('elders.fields.contactName')}>
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['emergencyContact', 'phone']} label={t('elders.fields.contactPhone')}>
              <Input maxLength={11} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['emergencyContact', 'relationship']}
              label={t('elders.fields.contactRelationship')}
            >
              <Input maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
