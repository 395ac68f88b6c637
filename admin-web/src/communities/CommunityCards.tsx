import { Card, Col, Descriptions, Empty, Row, Skeleton, Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Community } from '../api';
import { ProblemAlert } from '../components';
import { useCommunities } from './useCommunities';

function CommunityCard({ community }: { community: Community }) {
  const { t } = useTranslation();
  return (
    <Card title={community.name} data-testid="community-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('community.circleLimit')}>
          <Tag icon={<ClockCircleOutlined />} color="blue" className="circle-limit-tag">
            {t('community.circleLimitValue', { minutes: community.travelTimeLimitMinutes })}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('community.languages')}>
          {community.languages.map((language) => (
            <Tag key={language}>{t(`languages.${language}`)}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('community.code')}>{community.code}</Descriptions.Item>
        <Descriptions.Item label={t('community.region')}>{community.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t('community.centre')}>
          {t('community.centreValue', {
            lat: community.centre.lat.toFixed(4),
            lon: community.centre.lon.toFixed(4),
          })}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function CommunityCards() {
  const { t } = useTranslation();
  const communities = useCommunities();

  if (communities.isPending) return <Skeleton active />;
  if (communities.isError) {
    return <ProblemAlert error={communities.error} context={t('home.communitiesLoadFailed')} />;
  }
  if (communities.data.length === 0) return <Empty description={t('home.communitiesEmpty')} />;
  return (
    <Row gutter={[16, 16]}>
      {communities.data.map((community) => (
        <Col key={community.id} xs={24} md={12} xl={8}>
          <CommunityCard community={community} />
        </Col>
      ))}
    </Row>
  );
}
