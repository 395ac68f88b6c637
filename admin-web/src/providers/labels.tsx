import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Provider, VerificationState } from '../api';

const VERIFICATION_COLOUR: Record<VerificationState, string> = {
  PENDING: 'gold',
  VERIFIED: 'green',
  REJECTED: 'red',
};

export function VerificationTag({ state }: { state: VerificationState }) {
  const { t } = useTranslation();
  return (
    <Tag color={VERIFICATION_COLOUR[state]} data-testid="verification-tag">
      {t(`providers.verification.${state}`)}
    </Tag>
  );
}

export function ProviderStatusTag({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  return provider.suspended ? (
    <Tag color="red" data-testid="provider-status">
      {t('providers.suspended')}
    </Tag>
  ) : (
    <Tag color="green" data-testid="provider-status">
      {t('providers.active')}
    </Tag>
  );
}
