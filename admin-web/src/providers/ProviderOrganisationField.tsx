import { App, Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../account';
import type { Provider } from '../api';
import { ProblemAlert } from '../components';
import { useServiceOrganisations, useSetProviderOrganisation } from '../organisations';

/** The Select's value for "employed by nobody" (the api's null). */
const INDEPENDENT = 'independent';

/**
 * 所属服务商: the organisation that employs the provider, or 独立; a worker may change it (a canteen's
 * couriers are offered its meal plans' orders first).
 */
export function ProviderOrganisationField({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const organisations = useServiceOrganisations(provider.communityId);
  const save = useSetProviderOrganisation(provider.id);
  const current = provider.organisationId ?? INDEPENDENT;
  const [chosen, setChosen] = useState<string>(current);
  const [error, setError] = useState<unknown>(null);
  const employer = organisations.data?.find((o) => o.id === provider.organisationId);
  const currentName = provider.organisationId
    ? (employer?.name ?? '—')
    : t('organisations.independent');

  if (!can.act) return <span data-testid="provider-organisation-name">{currentName}</span>;

  const submit = async () => {
    setError(null);
    try {
      await save.mutateAsync(chosen === INDEPENDENT ? null : chosen);
      void message.success(t('providers.organisationSaved'));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <div data-testid="provider-organisation">
          <Select
            value={chosen}
            onChange={setChosen}
            loading={organisations.isFetching}
            style={{ width: 300 }}
            options={[
              { value: INDEPENDENT, label: t('organisations.independent') },
              ...(organisations.data ?? []).map((o) => ({
                value: o.id,
                label: `${o.name}（${t(`organisations.kind.${o.kind}`)}）`,
              })),
            ]}
          />
        </div>
        <Button
          type="primary"
          disabled={chosen === current}
          loading={save.isPending}
          onClick={() => void submit()}
          data-testid="save-provider-organisation"
        >
          {t('providers.organisationSave')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('providers.organisationHint')}</Typography.Text>
      {organisations.isError && <ProblemAlert error={organisations.error} />}
      {error !== null && <ProblemAlert error={error} />}
    </Space>
  );
}
