import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { staffRolesFirst, useCurrentStaff } from '../account';
import { CommunityCards } from '../communities';

/** 工作台: who is signed in and the communities they cover. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={2} data-testid="welcome" style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('home.role')}>
            <span data-testid="roles">
              {staffRolesFirst(me.roles).map((role) => (
                <Tag key={role} color="green" className="role-tag">
                  {t(`roles.${role}`)}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.communitiesCovered')}>
            {me.communities.map((community) => community.name).join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Title level={3}>{t('home.communitiesTitle')}</Typography.Title>
      <CommunityCards />
    </Space>
  );
}
