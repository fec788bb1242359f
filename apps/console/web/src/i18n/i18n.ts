import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import id from './id.json';
import type { Language } from './format';

const KEY = 'simpul.language';

/** Bahasa Indonesia unless the officer chose English on this browser before (DESIGN: remembered). */
export function storedLanguage(): Language {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // A browser that keeps nothing still switches for this visit.
  }
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

/**
 * Every string the console shows comes from these two catalogues. A key missing from the
 * language shown is an error in the browser console (the browser tests fail on any), never a
 * silent fallback to the other language.
 */
export function initI18n(): void {
  const language = storedLanguage();
  document.documentElement.lang = language;
  void i18next.use(initReactI18next).init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (languages, _namespace, key) => {
      console.error(`untranslated key ${key} (${languages.join(',')})`);
    },
    returnNull: false,
  });
}

/** The translation function and the language shown. */
export function useLanguage(): {
  t: (key: string, values?: Record<string, unknown>) => string;
  language: Language;
} {
  const { t, i18n } = useTranslation();
  return { t: t as never, language: (i18n.language === 'en' ? 'en' : 'id') as Language };
}
