import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="full-page-center">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}
