import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN, type Translation } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type AppLanguage = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'carecircle.admin.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

function storedLanguage(): AppLanguage {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function currentLanguage(): AppLanguage {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export async function changeLanguage(language: AppLanguage): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export async function initI18n(): Promise<void> {
  const language = storedLanguage();
  document.documentElement.lang = language;
  await i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  showTitle();
  i18n.on('languageChanged', showTitle);
}

function showTitle(): void {
  document.title = `${i18n.t('app.name')} · ${i18n.t('app.subtitle')}`;
}
