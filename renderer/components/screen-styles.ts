// The centred card the opening screens (welcome, progress, error) share.
import { css } from 'lit';

export const screenStyles = css`
  :host { display: grid; place-items: center; min-height: 100%; padding: var(--ox-sys-space-5); }
  .card {
    width: min(34rem, 100%); background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border);
    border-radius: var(--ox-sys-radius-lg); box-shadow: var(--ox-sys-shadow-2); padding: var(--ox-sys-space-6);
  }
  .brand { display: flex; align-items: center; gap: var(--ox-sys-space-2); font-weight: 700; color: var(--ox-sys-color-accent); margin-bottom: var(--ox-sys-space-4); }
  .brand .mark { display: grid; place-items: center; width: 1.9rem; height: 1.9rem; border-radius: 9px; background: var(--ox-sys-color-accent); color: var(--ox-sys-color-on-accent); font-size: 1rem; }
  .brand .mark .icon { width: 1.2rem; height: 1.2rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 var(--ox-sys-space-2); }
  p { margin: 0 0 var(--ox-sys-space-3); color: var(--ox-sys-color-text-muted); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--ox-sys-space-2); margin-top: var(--ox-sys-space-4); }
  p strong { color: var(--ox-sys-color-text); }
  code { font-family: var(--ox-sys-font-mono); font-size: 0.9em; background: var(--ox-sys-color-surface-2); padding: 0.1rem 0.35rem; border-radius: 4px; color: var(--ox-sys-color-text); }
`;
