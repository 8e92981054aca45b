// The People section's layout: list tabs, search and sort tools, the list beside its servers.
import { css } from 'lit';

export const peopleStyles = css`
  :host { display: block; height: 100%; overflow-y: auto; }
  .column { max-width: 60rem; margin: 0 auto; padding: var(--ox-sys-space-4) var(--ox-sys-space-4) var(--ox-sys-space-6); }
  h2 { margin: 0 0 var(--ox-sys-space-3); font-size: var(--ox-sys-text-xl); }
  .kinds { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: var(--ox-sys-space-3); }
  .tab { border: 1px solid var(--ox-sys-color-border); background: var(--ox-sys-color-surface); cursor: pointer; padding: 0.35rem 0.75rem; border-radius: var(--ox-sys-radius-pill); font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); display: inline-flex; gap: 0.4em; align-items: center; }
  .tab[aria-current='page'] { background: var(--ox-sys-color-accent-soft); color: var(--ox-sys-color-accent); border-color: transparent; font-weight: var(--ox-sys-weight-strong); }
  .tools { display: flex; flex-wrap: wrap; gap: var(--ox-sys-space-2); align-items: center; margin-bottom: var(--ox-sys-space-2); }
  .tools input { flex: 1 1 14rem; font: inherit; padding: 0.45rem 0.8rem; border-radius: var(--ox-sys-radius-pill); border: 1px solid var(--ox-sys-color-border-strong); background: var(--ox-sys-color-surface); color: var(--ox-sys-color-text); }
  .tools label { font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); display: inline-flex; gap: var(--ox-sys-space-1); align-items: center; }
  select { font: inherit; padding: 0.35rem 0.5rem; border-radius: var(--ox-sys-radius-sm); border: 1px solid var(--ox-sys-color-border-strong); background: var(--ox-sys-color-surface); color: var(--ox-sys-color-text); }
  .split { display: grid; grid-template-columns: minmax(0, 1fr) 16rem; gap: var(--ox-sys-space-4); align-items: start; }
  .servers { background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-md); padding: var(--ox-sys-space-3); }
  .people { list-style: none; margin: 0; padding: 0; background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-md); }
  .people li { display: flex; gap: var(--ox-sys-space-2); align-items: baseline; padding: 0.35rem var(--ox-sys-space-3); border-top: 1px solid var(--ox-sys-color-border); font-size: var(--ox-sys-text-sm); }
  .people li:first-child { border-top: 0; }
  .people li.group { font-weight: var(--ox-sys-weight-strong); background: var(--ox-sys-color-surface-2); }
  .name { flex: 1; overflow-wrap: anywhere; }
  .name a { text-decoration: none; color: var(--ox-sys-color-text); }
  .name a:hover { text-decoration: underline; }
  .detail { color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-xs); }
  .posts { border: 0; background: var(--ox-sys-color-accent-soft); color: var(--ox-sys-color-accent); border-radius: var(--ox-sys-radius-pill); padding: 0.1rem 0.55rem; font-size: var(--ox-sys-text-xs); cursor: pointer; white-space: nowrap; }
  .note { margin: 0 0 var(--ox-sys-space-2); color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); }
  .state { color: var(--ox-sys-color-text-muted); text-align: center; padding: var(--ox-sys-space-5) 0; }
  .notes { margin-top: var(--ox-sys-space-4); font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); }
  .notes summary { cursor: pointer; }
  @media (max-width: 900px) { .split { grid-template-columns: minmax(0, 1fr); } }
`;
