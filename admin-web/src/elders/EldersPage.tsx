import { Button, Card, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, useCurrentStaff, usePermissions } from '../account';
import type { ElderSummary } from '../api';
import { PageTitle, PagedTable, ProblemAlert } from '../components';
import { AddElderDrawer } from './AddElderDrawer';
import { ElderDrawer } from './ElderDrawer';
import { MobilityTag, SpecialDifficultyTag } from './labels';
import { useElders, type ElderFilters } from './useElders';

interface SearchValues {
  name?: string;
  phoneLast4?: string;
  communityId?: string;
  specialDifficultyOnly?: boolean;
}

function toFilters(values: SearchValues): ElderFilters {
  return {
    name: values.name?.trim() || undefined,
    phoneLast4: values.phoneLast4?.trim() || undefined,
    communityId: values.communityId || undefined,
    specialDifficulty: values.specialDifficultyOnly ? true : undefined,
  };
}

/** 老人档案: the elders of the worker's communities, masked, with search and the full record. */
export function EldersPage() {
  const { t } = useTranslation();
  const me = useCurrentStaff();
  const can = usePermissions();
  const communityName = useCommunityName();
  const [form] = Form.useForm<SearchValues>();
  const [filters, setFilters] = useState<ElderFilters>({});
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(20);
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const elders = useElders(filters, page, size);

  const columns: ColumnsType<ElderSummary> = [
    {
      title: t('elders.fields.name'),
      dataIndex: 'maskedName',
      render: (name: string, elder) => (
        <Space>
          <strong>{name}</strong>
          {elder.specialDifficulty && <SpecialDifficultyTag />}
        </Space>
      ),
    },
    {
      title: t('elders.fields.gender'),
      dataIndex: 'gender',
      width: 80,
      render: (_, elder) => t(`enums.gender.${elder.gender}`),
    },
    { title: t('elders.fields.age'), dataIndex: 'age', width: 80 },
    {
      title: t('elders.fields.phone'),
      dataIndex: 'maskedPhone',
      render: (phone?: string) => phone ?? '—',
    },
    {
      title: t('elders.fields.community'),
      dataIndex: 'communityId',
      render: (id: string) => communityName(id),
      responsive: ['lg'],
    },
    {
      title: t('elders.fields.mobilityLevel'),
      dataIndex: 'mobilityLevel',
      render: (_, elder) => <MobilityTag level={elder.mobilityLevel} />,
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle
        title={t('elders.title')}
        extra={
          can.act && (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => {
                setAdding(true);
              }}
              data-testid="add-elder"
            >
              {t('elders.add.open')}
            </Button>
          )
        }
      />
      <Card>
        <Form<SearchValues>
          form={form}
          name="elderSearch"
          layout="inline"
          className="search-form"
          data-testid="elder-search"
          onFinish={(values) => {
            setFilters(toFilters(values));
            setPage(0);
          }}
        >
          <Form.Item name="name" label={t('elders.search.name')}>
            <Input allowClear maxLength={20} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name="phoneLast4"
            label={t('elders.search.phoneLast4')}
            rules={[{ pattern: /^\d{4}$/, message: t('elders.search.phoneLast4Invalid') }]}
          >
            <Input allowClear maxLength={4} inputMode="numeric" style={{ width: 110 }} />
          </Form.Item>
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
          <Form.Item name="specialDifficultyOnly" valuePropName="checked">
            <Checkbox>{t('elders.search.specialDifficultyOnly')}</Checkbox>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                  setPage(0);
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {elders.isError && <ProblemAlert error={elders.error} context={t('elders.loadFailed')} />}
      <Card>
        {can.act && (
          <Typography.Paragraph type="secondary" data-testid="elders-open-hint">
            {t('elders.openHint')}
          </Typography.Paragraph>
        )}
        <PagedTable<ElderSummary>
          testId="elders"
          columns={columns}
          rows={elders.data?.items ?? []}
          total={elders.data?.total ?? 0}
          loading={elders.isFetching}
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
        <ElderDrawer
          elderId={openId}
          onClose={() => {
            setOpenId(null);
          }}
        />
      )}
      {can.act && (
        <AddElderDrawer
          open={adding}
          onClose={() => {
            setAdding(false);
          }}
          onCreated={(elder) => {
            setAdding(false);
            form.setFieldsValue({
              name: elder.name,
              phoneLast4: undefined,
              communityId: elder.communityId,
              specialDifficultyOnly: false,
            });
            setFilters({ name: elder.name, communityId: elder.communityId });
            setPage(0);
          }}
        />
      )}
    </Space>
  );
}
