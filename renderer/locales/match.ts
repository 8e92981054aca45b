// Which shipped language serves what a reader's system asks for. Plain Intl, no DOM: the viewer and the desktop's
// main process (native menus and dialogs) choose the same way.
import { CATALOGUES, PSEUDO_LOCALE } from './index.js';

const SHIPPED = Object.keys(CATALOGUES);

/**
 * The shipped language that serves a requested tag: same language, and same script when ours names one
 * ("zh-CN" → zh-Hans, "zh-TW" → none; "pt-PT" → pt-BR; "de-AT" → de). Null when none does.
 */
export function matchLanguage(tag: string, shipped: readonly string[] = SHIPPED): string | null {
  if (tag === PSEUDO_LOCALE) return tag;
  let want: Intl.Locale;
  try {
    want = new Intl.Locale(tag).maximize();
  } catch {
    return null;
  }
  const exact = shipped.find((c) => c.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  for (const code of shipped) {
    const ours = new Intl.Locale(code);
    const full = ours.maximize();
    if (full.language === want.language && (!ours.script || full.script === want.script)) return code;
  }
  return null;
}

/** The first of the reader's languages we ship, else English. */
export function pickLanguage(requested: readonly string[], shipped: readonly string[] = SHIPPED): string {
  for (const tag of requested) {
    const code = matchLanguage(tag, shipped);
    if (code) return code;
  }
  return 'en';
}

