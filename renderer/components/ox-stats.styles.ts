// The Stats view's layout: a readable column of figure cards, charts and top lists that reflows under 900px.
import { css } from 'lit';

export const statsStyles = css`
  :host { display: block; height: 100%; overflow-y: auto; background: var(--ox-sys-color-bg); }
  .column { max-width: 68rem; margin: 0 auto; padding: var(--ox-sys-space-4) var(--ox-sys-space-4) var(--ox-sys-space-6); display: grid; gap: var(--ox-sys-space-4); }
  .head { display: flex; flex-wrap: wrap; align-items: center; gap: var(--ox-sys-space-3); }
  h2 { margin: 0; font-size: var(--ox-sys-text-xl); }
  .lead { margin: 0; color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); flex: 1 1 18rem; }
  .toggles { display: flex; gap: var(--ox-sys-space-2); flex-wrap: wrap; }
  .seg { display: inline-flex; border: 1px solid var(--ox-sys-color-border-strong); border-radius: var(--ox-sys-radius-pill); overflow: hidden; background: var(--ox-sys-color-surface); }
  .seg button { border: 0; background: none; padding: 0.35rem 0.8rem; font-size: var(--ox-sys-text-sm); cursor: pointer; color: var(--ox-sys-color-text-muted); }
  .seg button[aria-pressed='true'] { background: var(--ox-sys-color-accent-soft); color: var(--ox-sys-color-accent); font-weight: var(--ox-sys-weight-strong); }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: var(--ox-sys-space-2); margin: 0; }
  .card { background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-md); padding: var(--ox-sys-space-2) var(--ox-sys-space-3); }
  .card dt { font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
  .card dd { margin: 0; font-size: var(--ox-sys-text-lg); font-weight: var(--ox-sys-weight-strong); font-variant-numeric: tabular-nums; }
  .card small { display: block; font-weight: normal; font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
  .panel { background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-lg); padding: var(--ox-sys-space-3) var(--ox-sys-space-4); min-width: 0; }
  .panel > h3 { margin: 0 0 var(--ox-sys-space-2); font-size: var(--ox-sys-text-md); }
  .panel > p.note { margin: var(--ox-sys-space-1) 0 0; font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
  .lists { display: grid; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); gap: var(--ox-sys-space-4); }
  .state { color: var(--ox-sys-color-text-muted); text-align: center; padding: var(--ox-sys-space-6) 0; }
  .state[role='alert'] { color: var(--ox-sys-color-danger); }
`;
