// The --ox-sys-* colour tokens as values a canvas can use (uPlot draws on a canvas: CSS variables do not reach it).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ChartColors {
  accent: string;
  boost: string;
  text: string;
  muted: string;
  grid: string;
  surface: string;
}

/** Reads the resolved token values on `el` (its shadow root inherits :root's tokens). */
export function chartColors(el: Element): ChartColors {
  const style = getComputedStyle(el);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    accent: read('--ox-sys-color-accent', '#5a4fcf'),
    boost: read('--ox-sys-color-success', '#1f7a4d'),
    text: read('--ox-sys-color-text', '#1b2030'),
    muted: read('--ox-sys-color-text-muted', '#5d6577'),
    grid: read('--ox-sys-color-border', '#e1e4ea'),
    surface: read('--ox-sys-color-surface', '#ffffff'),
  };
}

/** Asks the host to redraw when the reader's light/dark preference changes (tokens.css switches on it). */
export class ColorSchemeController implements ReactiveController {
  private readonly query = matchMedia('(prefers-color-scheme: dark)');
  private readonly onChange = () => this.changed();

  constructor(host: ReactiveControllerHost, private readonly changed: () => void) {
    host.addController(this);
  }

  hostConnected(): void {
    this.query.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.query.removeEventListener('change', this.onChange);
  }
}
