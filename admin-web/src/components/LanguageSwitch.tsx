import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, type AppLanguage } from '../i18n';

/** 中文 / English; the choice is kept in the browser. */
export function LanguageSwitch() {
  // useTranslation re-renders this on every language change
  const { t } = useTranslation();
  return (
    <Segmented<AppLanguage>
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={currentLanguage()}
      onChange={(language) => void changeLanguage(language)}
      options={[
        { label: t('language.zh'), value: 'zh-CN' },
        { label: t('language.en'), value: 'en' },
      ]}
    />
  );
}
