// Labels the viewer shows on their own (a row of the Stats view, a table header) start as a label does in each
// language: "Image", not "image" (lower case is for the middle of a sentence, and no sentence uses these).
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type LocaleCode } from '../../renderer/locales/index.js';

const LABELS = ['media.kind.image', 'media.kind.video', 'media.kind.gifv', 'media.kind.audio', 'media.kind.unknown', 'table.post', 'table.date',
  'stats.topFavourited', 'stats.topBoosted', 'viewer.fullSize', 'export.copy', 'avatar.unknown'];

describe('stand-alone labels', () => {
  for (const code of Object.keys(CATALOGUES) as LocaleCode[]) {
    it(`${code}: start with a capital where the script has one`, async () => {
      const { templates } = (await CATALOGUES[code]()) as { templates: Record<string, string> };
      const lower = LABELS.filter((id) => {
        const first = [...templates[id]!][0]!;
        return first !== first.toLocaleUpperCase(code);
      });
      expect(lower).toEqual([]);
    });
  }
});
