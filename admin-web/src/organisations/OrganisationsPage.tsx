import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, useCurrentStaff, usePermissions } from '../account';
import type { ServiceOrganisation } from '../api';
import { CommunitySelect, formatDateTime, PageTitle, ProblemAlert } from '../components';
import { OrganisationKindTag } from './labels';
import { RegisterOrganisationModal } from './RegisterOrganisationModal';
import { useServiceOrganisations } from './useOrganisations';

/** 服务商: a community's canteens (老年餐桌), home-care agencies and clinics, and registering one. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  const can = usePermissions();
  const communityName = useCommunityName();
  const [communityId, setCommunityId] = useState<string | undefined>(me.communities[0]?.id);
  const [registering, setRegistering] = useState(false);
  const organisations = useServiceOrganisations(communityId);

  const columns: ColumnsType<ServiceOrganisation> = [
    {
      title: t('organisations.fields.name'),
      dataIndex: 'name',
      render: (name: string) => <strong>{name}</strong>,
    },
    {
      title: t('organisations.fields.kind'),
      dataIndex: 'kind',
      render: (_, organisation) => <OrganisationKindTag kind={organisation.kind} />,
    },
    {
      title: t('organisations.fields.community'),
      dataIndex: 'communityId',
      render: (id: string) => communityName(id),
      responsive: ['lg'],
    },
    {
      title: t('organisations.fields.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => formatDateTime(at),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle
        title={t('organisations.title')}
        extra={
          can.act &&
          communityId && (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => {
                setRegistering(true);
              }}
              data-testid="register-organisation"
            >
              {t('organisations.register')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('organisations.intro')}</Typography.Paragraph>
      <Card>
        <Space>
          <span>{t('organisations.community')}</span>
          <CommunitySelect
            value={communityId}
            onChange={setCommunityId}
            data-testid="organisations-community"
          />
        </Space>
      </Card>
      {organisations.isError && (
        <ProblemAlert error={organisations.error} context={t('organisations.loadFailed')} />
      )}
      <Card>
        <Table<ServiceOrganisation>
          rowKey="id"
          data-testid="organisations-table"
          columns={columns}
          dataSource={organisations.data ?? []}
          loading={organisations.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('organisations.empty')} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {can.act && communityId && (
        <RegisterOrganisationModal
          open={registering}
          communityId={communityId}
          communityName={communityName(communityId)}
          onClose={() => {
            setRegistering(false);
          }}
        />
      )}
    </Space>
  );
}
