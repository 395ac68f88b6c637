import { Card, Checkbox, Form, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, useCurrentStaff, usePermissions } from '../account';
import type { Provider } from '../api';
import { PageTitle, PagedTable, ProblemAlert } from '../components';
import { useOrganisationsById } from '../organisations';
import { ProviderStatusTag } from './labels';
import { ProviderDrawer } from './ProviderDrawer';
import { useProviders, type ProviderFilters } from './useProviders';

/** 服务人员: providers and volunteers, credentials waiting for 资质审核, 暂停接单. */
export function ProvidersPage() {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  const communityName = useCommunityName();
  const can = usePermissions();
  const [filters, setFilters] = useState<ProviderFilters>({});
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(20);
  const [openId, setOpenId] = useState<string | null>(null);
  const providers = useProviders(filters, page, size);
  const organisations = useOrganisationsById(me.communities.map((community) => community.id));

  const columns: ColumnsType<Provider> = [
    {
      title: t('providers.fields.name'),
      dataIndex: 'displayName',
      render: (name: string) => <strong>{name}</strong>,
    },
    {
      title: t('providers.fields.kind'),
      dataIndex: 'kind',
      render: (_, provider) => t(`providers.kind.${provider.kind}`),
    },
    {
      title: t('providers.fields.phone'),
      dataIndex: 'maskedPhone',
      render: (phone?: string) => phone ?? '—',
      responsive: ['lg'],
    },
    {
      title: t('providers.fields.community'),
      dataIndex: 'communityId',
      render: (id: string) => communityName(id),
      responsive: ['xl'],
    },
    {
      title: t('providers.fields.services'),
      dataIndex: 'services',
      render: (_, provider) =>
        provider.services.map((service) => (
          <Tag key={service}>{t(`enums.service.${service}`)}</Tag>
        )),
    },
    {
      title: t('providers.fields.organisation'),
      dataIndex: 'organisationId',
      render: (id?: string | null) =>
        id ? (
          (organisations.get(id)?.name ?? '—')
        ) : (
          <span className="muted">{t('organisations.independent')}</span>
        ),
      responsive: ['lg'],
    },
    {
      title: t('providers.credentials'),
      key: 'credentials',
      render: (_, provider) => {
        const waiting = provider.credentials.filter(
          (credential) => credential.verification === 'PENDING',
        ).length;
        return waiting > 0 ? (
          <Tag color="gold">{t('providers.pendingCount', { count: waiting })}</Tag>
        ) : (
          <span className="muted">
            {t('providers.credentialCount', { count: provider.credentials.length })}
          </span>
        );
      },
    },
    {
      title: t('providers.fields.status'),
      key: 'status',
      render: (_, provider) => <ProviderStatusTag provider={provider} />,
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle title={t('providers.title')} />
      <Card>
        <Form
          name="providerSearch"
          layout="inline"
          className="search-form"
          onValuesChange={(_, values: { communityId?: string; pendingOnly?: boolean }) => {
            setFilters({
              communityId: values.communityId || undefined,
              pendingVerification: values.pendingOnly ? true : undefined,
            });
            setPage(0);
          }}
        >
          <Form.Item name="communityId" label={t('elders.search.community')}>
            <Select
              allowClear
              placeholder={t('elders.search.allCommunities')}
              style={{ width: 200 }}
              options={me.communities.map((community) => ({
                value: community.id,
                label: community.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="pendingOnly" valuePropName="checked">
            <Checkbox data-testid="pending-only">{t('providers.pendingOnly')}</Checkbox>
          </Form.Item>
        </Form>
      </Card>
      {providers.isError && (
        <ProblemAlert error={providers.error} context={t('providers.loadFailed')} />
      )}
      <Card>
        <PagedTable<Provider>
          testId="providers"
          columns={columns}
          rows={providers.data?.items ?? []}
          total={providers.data?.total ?? 0}
          loading={providers.isFetching}
          page={page}
          size={size}
          onPageChange={(nextPage, nextSize) => {
            setPage(nextPage);
            setSize(nextSize);
          }}
          onOpen={
            can.act
              ? (row) => {
                  setOpenId(row.id);
                }
              : undefined
          }
        />
      </Card>
      {can.act && (
        <ProviderDrawer
          providerId={openId}
          onClose={() => {
            setOpenId(null);
          }}
        />
      )}
    </Space>
  );
}
