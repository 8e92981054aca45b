// How loudly the frame speaks about an archive's gaps: a quiet line for media the archive simply lacks, a
// warning only for what could not be read (items left out, unsafe or unreadable entries, a damaged profile).
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ArchiveInfo } from '../../preload/contract.js';
import { formatNumber, plural } from './format.js';
import { icon } from './icons.js';
import { t } from './i18n.js';

export interface ArchiveNotes {
  /** one quiet sentence about what is not in the archive (Mastodon leaves media out of some exports), or null */
  info: string | null;
  /** the engine's sentences about what went wrong while reading */
  warnings: string[];
}

/**
 * Sorts ArchiveInfo.warnings by tone. The engine writes the missing-media sentence from Summary.media, so that
 * sentence is recognised by its counts and said more quietly; every other sentence stays a warning.
 */
export function archiveNotes(info: ArchiveInfo): ArchiveNotes {
  const { missing, referenced } = info.summary.media;
  const mediaLine = missing > 0 ? `${missing} of ${referenced} media` : null;
  const warnings = info.warnings.filter((w) => !mediaLine || !w.startsWith(mediaLine));
  return {
    info: missing > 0 ? plural(missing, 'notes.missingMedia') : null,
    warnings,
  };
}

/** The notes as one block (a single grid item above the timeline); nothing when there are none. */
export function renderArchiveNotes(notes: ArchiveNotes, dismiss: () => void): TemplateResult | typeof nothing {
  const w = notes.warnings;
  if (!notes.info && !w.length) return nothing;
  return html`<div class="archive-notes" data-testid="archive-notes">
    ${w.length ? html`<div class="note-warning" role="note" data-tone="warning">${icon('alert')}<details><summary>${t('notes.unreadable')}
        <span class="more">(${plural(w.length, 'count.notes')})</span></summary>
      <ul>${w.slice(0, 8).map((line) => html`<li lang="en">${line}</li>`)}</ul>${w.length > 8 ? html`<p>${t('notes.more', { n: formatNumber(w.length - 8) })}</p>` : nothing}</details>
      <button class="btn quiet" aria-label=${t('notes.dismiss')} @click=${dismiss}>${icon('close')}</button></div>` : nothing}
    ${notes.info ? html`<p class="note-info" role="note" data-tone="info">${icon('info')}<span>${notes.info}</span>
      ${w.length ? nothing : html`<button class="btn quiet" aria-label=${t('notes.dismiss')} @click=${dismiss}>${icon('close')}</button>`}</p>` : nothing}
  </div>`;
}

export const archiveNotesStyles = css`
  .archive-notes { display: grid; gap: var(--ox-sys-space-1); margin: var(--ox-sys-space-3) auto 0; width: min(var(--ox-sys-column), calc(100% - 2rem)); }
  .note-warning {
    display: flex; gap: var(--ox-sys-space-2); align-items: flex-start;
    padding: var(--ox-sys-space-2) var(--ox-sys-space-3); border-radius: var(--ox-sys-radius-md);
    background: var(--ox-sys-color-warning-soft); font-size: var(--ox-sys-text-sm);
  }
  .note-warning details { flex: 1; min-width: 0; padding-top: 0.3rem; }
  .note-warning summary { cursor: pointer; font-weight: var(--ox-sys-weight-strong); }
  .note-warning .more { font-weight: normal; color: var(--ox-sys-color-text-muted); }
  .note-warning > .icon { color: var(--ox-sys-color-warning); margin-top: 0.45rem; }
  .note-warning ul { margin: var(--ox-sys-space-1) 0 0; padding-inline-start: 1.2rem; overflow-wrap: anywhere; }
  .note-info {
    display: flex; gap: var(--ox-sys-space-2); align-items: center; margin: 0;
    padding: 0 var(--ox-sys-space-1); font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted);
  }
  .note-info > span { flex: 1; min-width: 0; }
  .note-info > .icon { color: var(--ox-sys-color-text-faint); }
  .archive-notes .btn.quiet { padding: 0.3rem; flex: none; }
`;
