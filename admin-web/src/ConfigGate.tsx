import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from './api';
import { initFirebase } from './auth';
import { FullPageSpinner, ProblemAlert, StatusPage } from './components';

/** Reads the sign-in configuration from the api (no token needed) and starts Firebase with it. */
export function ConfigGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const config = useQuery({
    queryKey: ['client-config'],
    queryFn: async () => {
      const clientConfig = unwrap(await api.GET('/public/client-config'));
      initFirebase(clientConfig);
      return clientConfig;
    },
    staleTime: Infinity,
    retry: 2,
  });
  if (config.isPending) return <FullPageSpinner />;
  if (config.isError) {
    return (
      <StatusPage
        status="error"
        title={t('config.loadFailed')}
        body={<ProblemAlert error={config.error} />}
        extra={
          <Button size="large" onClick={() => void config.refetch()}>
            {t('account.retry')}
          </Button>
        }
      />
    );
  }
  return children;
}
