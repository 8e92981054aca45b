// The words of the native menus and dialogs, in the OS's language: the viewer's catalogues (renderer/locales, plain
// data modules) read here too, so a language is translated once for both.
import { templates as en, type MessageId } from '../../renderer/locales/en.js';
import { CATALOGUES, type LocaleCode } from '../../renderer/locales/index.js';
import { pickLanguage } from '../../renderer/locales/match.js';

type SimpleId = Exclude<MessageId, `${string}#${string}`>;

let active: Readonly<Record<string, string>> = en;
let language = 'en';

/** A menu or dialog message in the desktop's language, {slots} filled; English when the catalogue lacks it. */
export function desktopText(id: SimpleId, params: Record<string, string> = {}): string {
  const text = active[id] ?? en[id];
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => params[name] ?? slot);
}

/** The language the menus and dialogs speak now. */
export const desktopLanguage = (): string => language;

/**
 * Follows the OS's preferred languages (strongest first, e.g. `app.getPreferredSystemLanguages()`): the first we
 * ship wins, else English. Returns the code chosen.
 */
export async function loadDesktopLanguage(preferred: readonly string[]): Promise<string> {
  const code = pickLanguage(preferred) as LocaleCode;
  active = code === 'en' ? en : (await CATALOGUES[code]()).templates;
  language = code;
  return code;
}
