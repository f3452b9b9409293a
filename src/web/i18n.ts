/**
 * The app's words in English and Simplified Chinese, one module per page under messages/ (each checks that
 * its zh-CN has every English key). The browser tests check that no English is left on a zh-CN page.
 */
import * as common from './messages/common';
import * as judge from './messages/judge';
import * as map from './messages/map';
import * as pilot from './messages/pilot';
import * as tokens from './messages/tokens';

const en = { ...common.en, ...pilot.en, ...judge.en, ...map.en, ...tokens.en };
export type MessageKey = keyof typeof en;
const zhCN: Record<MessageKey, string> = { ...common.zhCN, ...pilot.zhCN, ...judge.zhCN, ...map.zhCN, ...tokens.zhCN };

/** A translation function bound to the current language. */
export type T = (key: MessageKey, params?: Record<string, string>) => string;

export const LANGUAGES = { en: 'English', 'zh-CN': '简体中文' } as const;
export type Language = keyof typeof LANGUAGES;
const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The browser's first language we speak (any zh is zh-CN), else English. */
export function preferredLanguage(languages: readonly string[]): Language {
  for (const l of languages) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

export function translate(lang: Language, key: MessageKey, params: Record<string, string> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? `{${name}}`);
}

/** Whether `key` is one of the app's words (for codes from the server that may be new to this version). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * A code from the server (a warning, an error, a stage, a class…) in the user's language: the word
 * `${prefix}.${code}` when the app has one, else `fallback` (a newer server may send codes this app lacks).
 */
export function codeText(t: T, prefix: string, code: string, fallback: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : fallback;
}
