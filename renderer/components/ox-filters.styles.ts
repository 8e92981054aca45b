// The filter panel's look: pressed toggles as filled pills with their counts, compact fields.
import { css } from 'lit';

export const filterStyles = css`
  :host { display: block; }
  nav { display: grid; gap: var(--ox-sys-space-3); }
  .top { display: flex; align-items: center; justify-content: space-between; }
  h2 { font-size: var(--ox-sys-text-sm); text-transform: uppercase; letter-spacing: 0.06em; color: var(--ox-sys-color-text-muted); margin: 0; }
  .btn.small { padding: 0.2rem 0.6rem; font-size: var(--ox-sys-text-xs); }
  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  legend { font-size: var(--ox-sys-text-xs); font-weight: var(--ox-sys-weight-strong); color: var(--ox-sys-color-text-muted); padding: 0; margin-bottom: var(--ox-sys-space-1); }
  .wrap { display: flex; flex-wrap: wrap; gap: 6px; }
  .toggle {
    display: inline-flex; align-items: center; gap: 0.4rem;
    padding: 0.3rem 0.7rem; border-radius: var(--ox-sys-radius-pill);
    border: 1px solid var(--ox-sys-color-border-strong); background: var(--ox-sys-color-surface);
    font-size: var(--ox-sys-text-sm); cursor: pointer; line-height: 1.3;
  }
  .toggle:hover { border-color: var(--ox-sys-color-accent); }
  .toggle[aria-pressed='true'] { background: var(--ox-sys-color-accent); border-color: var(--ox-sys-color-accent); color: var(--ox-sys-color-on-accent); }
  .count { font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); font-variant-numeric: tabular-nums; }
  .toggle[aria-pressed='true'] .count { color: inherit; opacity: 0.85; }
  .toggle.direct:not([aria-pressed='true']) .label { color: var(--ox-sys-color-private); }
  .row { display: grid; grid-template-columns: 1fr 1fr; gap: var(--ox-sys-space-2); }
  .dates { display: grid; grid-template-columns: 1fr 1fr; gap: var(--ox-sys-space-2); }
  .field { display: grid; gap: 2px; font-size: var(--ox-sys-text-xs); font-weight: var(--ox-sys-weight-strong); color: var(--ox-sys-color-text-muted); min-width: 0; }
  select, input {
    font: inherit; font-weight: normal; font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text);
    background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border-strong);
    border-radius: var(--ox-sys-radius-sm); padding: 0.3rem 0.4rem; min-width: 0; width: 100%;
  }
`;
