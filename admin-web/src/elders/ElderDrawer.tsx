import { Alert, Descriptions, Drawer, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCommunityName } from '../account';
import { ProblemAlert } from '../components';
import { MobilityTag, SpecialDifficultyTag } from './labels';
import { useElder } from './useElders';

interface ElderDrawerProps {
  elderId: string | null;
  onClose: () => void;
}

/** 完整档案: the elder's full record. Opening it is logged by the api (个人信息保护). */
export function ElderDrawer({ elderId, onClose }: ElderDrawerProps) {
  const { t } = useTranslation();
  const communityName = useCommunityName();
  const elder = useElder(elderId);
  const dash = '—';

  return (
    <Drawer
      open={elderId !== null}
      onClose={onClose}
      size={720}
      title={t('elders.recordTitle')}
      destroyOnHidden
      data-testid="elder-drawer"
    >
      <Alert
        type="info"
        showIcon
        title={t('elders.auditNotice')}
        data-testid="elder-audit-notice"
        style={{ marginBottom: 16 }}
      />
      {elder.isPending && <Skeleton active />}
      {elder.isError && <ProblemAlert error={elder.error} context={t('elders.recordLoadFailed')} />}
      {elder.data && (
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle" data-testid="elder-record">
          <Descriptions.Item label={t('elders.fields.name')}>
            <Space>
              <strong data-testid="elder-full-name">{elder.data.name}</strong>
              {elder.data.specialDifficulty && <SpecialDifficultyTag />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.gender')}>
            {t(`enums.gender.${elder.data.gender}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.birthDate')}>
            {elder.data.birthDate}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.phone')}>
            <span data-testid="elder-full-phone">{elder.data.phone ?? dash}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.idNumber')} span={2}>
            {elder.data.idNumber}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.community')}>
            {communityName(elder.data.communityId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.mobilityLevel')}>
            <MobilityTag level={elder.data.mobilityLevel} />
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.address')} span={2}>
            {elder.data.address}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.needs')} span={2}>
            {elder.data.needs.length === 0
              ? dash
              : elder.data.needs.map((need) => <Tag key={need}>{t(`enums.service.${need}`)}</Tag>)}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.languages')}>
            {elder.data.languages.map((language) => t(`languages.${language}`)).join('、') || dash}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.bathingGenderPreference')}>
            {elder.data.bathingGenderPreference
              ? t(`enums.gender.${elder.data.bathingGenderPreference}`)
              : t('elders.noPreference')}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.specialDifficulty')}>
            {elder.data.specialDifficulty ? t('common.yes') : t('common.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.subsidyEligible')}>
            {elder.data.subsidyEligible ? t('common.yes') : t('common.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('elders.fields.emergencyContact')} span={2}>
            {elder.data.emergencyContact
              ? [
                  elder.data.emergencyContact.name,
                  elder.data.emergencyContact.relationship,
                  elder.data.emergencyContact.phone,
                ]
                  .filter(Boolean)
                  .join(' · ')
              : dash}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
