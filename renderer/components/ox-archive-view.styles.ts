// The frame of an open archive: a slim header, a side panel that becomes a drawer under 900px, the reading area.
import { css } from 'lit';

export const viewStyles = css`
  :host { display: grid; grid-template-rows: auto 1fr; height: 100%; min-height: 0; }
  .bar {
    display: flex; align-items: center; gap: var(--ox-sys-space-3); flex-wrap: wrap;
    padding: var(--ox-sys-space-2) var(--ox-sys-space-4);
    background: var(--ox-sys-color-surface); border-bottom: 1px solid var(--ox-sys-color-border);
    position: relative; z-index: 3;
  }
  .brand { display: flex; align-items: center; gap: var(--ox-sys-space-2); min-width: 0; width: calc(var(--ox-sys-panel) - var(--ox-sys-space-4) * 2); }
  .mark { display: grid; place-items: center; flex: none; width: 1.9rem; height: 1.9rem; border-radius: 9px; background: var(--ox-sys-color-accent); color: var(--ox-sys-color-on-accent); }
  .title { font-weight: 700; }
  .file { color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
  .search { display: flex; align-items: center; gap: var(--ox-sys-space-3); flex: 1 1 22rem; min-width: 0; max-width: calc(var(--ox-sys-column) + 8rem); }
  ox-search-box { flex: 1; min-width: 0; }
  .count { font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
  .tabs { display: flex; gap: 2px; margin-inline-start: auto; }
  .tab { display: inline-flex; align-items: center; gap: var(--ox-sys-space-1); border: 0; background: none; cursor: pointer; padding: 0.4rem 0.75rem; border-radius: var(--ox-sys-radius-pill); font-size: var(--ox-sys-text-sm); font-weight: 500; color: var(--ox-sys-color-text-muted); }
  .tab:hover { background: var(--ox-sys-color-surface-2); color: var(--ox-sys-color-text); }
  .tab[aria-current='page'] { background: var(--ox-sys-color-accent-soft); color: var(--ox-sys-color-accent); }
  .tab .icon { display: none; width: 1.15rem; height: 1.15rem; }
  /* Hidden from sight only (like .visually-hidden): the buttons keep their names where the header is narrow. */
  .help { width: 2.2rem; justify-content: center; padding: 0.4rem 0; font-weight: 700; }
  .panel-toggle { display: none; }
  .body { display: grid; grid-template-columns: var(--ox-sys-panel) minmax(0, 1fr); min-height: 0; position: relative; }
  .panel {
    overflow-y: auto; padding: var(--ox-sys-space-4); display: grid; align-content: start; gap: var(--ox-sys-space-5);
    border-inline-end: 1px solid var(--ox-sys-color-border); background: var(--ox-sys-color-bg);
  }
  .main { min-height: 0; min-width: 0; display: grid; grid-template-rows: auto minmax(0, 1fr); grid-template-columns: minmax(0, 1fr); }
  .main > [hidden] { display: none; }
  .notices:empty { display: none; }
  .moves {
    display: flex; gap: var(--ox-sys-space-3); align-items: center; margin: var(--ox-sys-space-3) auto 0; width: min(var(--ox-sys-column), calc(100% - 2rem));
    padding: var(--ox-sys-space-2) var(--ox-sys-space-3); border-radius: var(--ox-sys-radius-md);
    background: var(--ox-sys-color-accent-soft); font-size: var(--ox-sys-text-sm);
  }
  .moves > div { flex: 1; }
  .moves p { margin: 0; }
  .moves .more { color: var(--ox-sys-color-text-muted); }
  .moves > .icon { color: var(--ox-sys-color-accent); }
  .mark .icon { width: 1.2rem; height: 1.2rem; }
  .panel-toggle .icon, .help .icon, .open .icon { width: 1.15rem; height: 1.15rem; }
  .main > ox-timeline, .main > ox-thread, .main > ox-on-this-day, .main > ox-uri-list, .main > ox-stats, .main > ox-people { grid-row: 2; min-height: 0; }
  @media (max-width: 900px) {
    /* Two rows (also at 200% zoom): brand, sections as icons, export, filters and help; then the search. */
    .bar { gap: var(--ox-sys-space-2); row-gap: var(--ox-sys-space-2); }
    .brand { width: auto; }
    .file { display: none; }
    .search { order: 5; flex-basis: 100%; max-width: none; }
    .panel-toggle { display: inline-flex; }
    /* Open (browser mode) is its icon here already: with the sections as icons the header keeps to two rows. */
    .open { position: relative; width: 2.2rem; justify-content: center; padding: 0.4rem 0; }
    .open .label { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .tab { position: relative; padding: 0.45rem; }
    .tab .icon { display: block; }
    .tab .label { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .body { grid-template-columns: minmax(0, 1fr); }
    /* The whole width: an absolutely placed grid child would otherwise shrink to the grid track it sits in. */
    .panel { display: none; position: absolute; inset: 0; z-index: 2; border-inline-end: 0; inline-size: 100%; justify-self: stretch; grid-column: 1 / -1; }
    /* 'shown', not 'open': .open is the Open button's class, whose narrow padding would strip the drawer's. */
    .panel.shown { display: grid; }
    .panel > * { max-width: var(--ox-sys-column); width: 100%; margin: 0 auto; }
  }
  @media (max-width: 600px) {
    /* 400% zoom and phones: the mark stands for the name, the filter button is its icon. */
    .bar { column-gap: var(--ox-sys-space-1); padding-inline: var(--ox-sys-space-3); }
    .title { display: none; }
    .tab { padding: 0.4rem; }
    .help { width: 2rem; }
    /* The first row is full with the sections, Export, filters and Open: the shortcuts key ends the search's row
       rather than taking a row of its own. */
    .help { order: 6; }
    .search { flex-basis: calc(100% - 2rem - var(--ox-sys-space-2)); }
    .panel-toggle { position: relative; width: 2rem; justify-content: center; padding: 0.4rem 0; }
    .panel-toggle .label { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  }
  @media (max-width: 420px) {
    /* The search box keeps room to type in: the count stays for screen readers only (the timeline shows the posts). */
    .count { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  }
  .indexing { font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); }
  .indexing .track { height: 0.4rem; border-radius: var(--ox-sys-radius-pill); background: var(--ox-sys-color-surface-3); overflow: hidden; margin-top: var(--ox-sys-space-2); }
  .indexing .fill { height: 100%; background: var(--ox-sys-color-accent); border-radius: inherit; }
`;
