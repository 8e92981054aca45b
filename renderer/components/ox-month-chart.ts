// Posts (bars) and boosts (line) per month, drawn by uPlot on a canvas; a click on a month shows its posts.
import { LitElement, css, html, type PropertyValues } from 'lit';
import type uPlot from 'uplot';
import { ColorSchemeController, chartColors } from '../lib/chart-colors.js';
import { cssProps } from '../lib/css-props.js';
import { formatMonth, formatMonthTick as formatTick, formatNumber, plural } from '../lib/format.js';
import { currentLanguage, t } from '../lib/i18n.js';
import { emitInsight } from '../lib/insight-events.js';
import { baseStyles } from '../lib/shared-styles.js';

type PerMonth = Record<string, { posts: number; boosts: number }>;

const HEIGHT = 240;

/**
 * uPlot is evaluated when the first chart is drawn, not as the page starts: its module's own start was ~35 ms of the
 * main thread before the first posts (100k profile), and most opens never show Stats. Still one bundle (test/build.mjs):
 * esbuild inlines this import.
 */
let uPlotModule: Promise<typeof uPlot> | null = null;
const loadUPlot = (): Promise<typeof uPlot> => (uPlotModule ??= import('uplot').then((m) => m.default));
const monthStart = (month: string): number => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) / 1000;

// uPlot's own stylesheet (node_modules/uplot/dist/uPlot.min.css) cannot reach a shadow root; these are the rules
// this chart uses, in our tokens. The canvas gets its colours from chartColors() instead.
const uplotStyles = css`
  /* uPlot places its cursor and legend with physical offsets and draws time left to right, in any language. */
  .plot, .tip { direction: ltr; }
  .uplot, .uplot * { box-sizing: border-box; }
  .uplot { font-family: var(--ox-sys-font); line-height: 1.5; width: 100%; }
  .u-wrap { position: relative; user-select: none; }
  .u-over, .u-under { position: absolute; }
  .u-under { overflow: hidden; }
  .u-over { cursor: pointer; }
  .uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
  .u-axis { position: absolute; }
  .u-legend { font-size: var(--ox-sys-text-sm); margin: var(--ox-sys-space-1) auto 0; text-align: center; color: var(--ox-sys-color-text-muted); }
  .u-inline { display: block; }
  .u-inline * { display: inline-block; }
  .u-inline tr { margin-right: 16px; }
  .u-legend th { font-weight: 600; }
  .u-legend th > * { vertical-align: middle; display: inline-block; }
  .u-legend .u-marker { width: 1em; height: 1em; margin-right: 4px; background-clip: padding-box !important; border-radius: 3px; }
  .u-inline.u-live th::after { content: ':'; vertical-align: middle; }
  .u-inline:not(.u-live) .u-value { display: none; }
  .u-series > * { padding: 4px; }
  .u-series th { cursor: pointer; }
  .u-legend .u-off > * { opacity: 0.3; }
  .u-value { font-variant-numeric: tabular-nums; color: var(--ox-sys-color-text); }
  .u-select { background: var(--ox-sys-color-accent-soft); position: absolute; pointer-events: none; }
  .u-cursor-x, .u-cursor-y { position: absolute; left: 0; top: 0; pointer-events: none; will-change: transform; }
  .u-hz .u-cursor-x { height: 100%; border-right: 1px dashed var(--ox-sys-color-border-strong); }
  .u-hz .u-cursor-y { width: 100%; border-bottom: 1px dashed var(--ox-sys-color-border-strong); }
  .u-cursor-pt { position: absolute; top: 0; left: 0; border-radius: 50%; border: 0 solid; pointer-events: none; will-change: transform; background-clip: padding-box !important; }
  .u-axis.u-off, .u-select.u-off, .u-cursor-x.u-off, .u-cursor-y.u-off, .u-cursor-pt.u-off { display: none; }
`;

/**
 * `<ox-month-chart>`: exact posts and boosts per month. The legend is the key of the two series, a tooltip says the
 * month under the cursor with both numbers, and a click shows that month's posts.
 * @fires ox-show-posts - a month was clicked: `{ from: month, to: month }`
 */
export class OxMonthChart extends LitElement {
  static override properties = { perMonth: { attribute: false }, tip: { state: true } };

  perMonth: PerMonth = {};
  tip: { month: string; posts: number; boosts: number; left: number } | null = null;

  private plot: uPlot | null = null;
  private drawnIn = '';
  private months: string[] = [];
  private readonly resize = new ResizeObserver(() => this.plot?.setSize({ width: this.plotWidth(), height: HEIGHT }));

  static override styles = [baseStyles, uplotStyles, css`
    :host { display: block; position: relative; }
    .plot { min-height: ${HEIGHT}px; }
    .tip {
      position: absolute; top: 0; transform: translateX(-50%); pointer-events: none; z-index: 1;
      padding: var(--ox-sys-space-1) var(--ox-sys-space-2); border-radius: var(--ox-sys-radius-sm);
      background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border-strong); box-shadow: var(--ox-sys-shadow-2);
      font-size: var(--ox-sys-text-xs); white-space: nowrap; font-variant-numeric: tabular-nums;
    }
    .tip strong { display: block; }
  `];

  constructor() {
    super();
    new ColorSchemeController(this, () => this.draw());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  /** The month the cursor is on; also what a click filters to (tests drive it through here and the canvas). */
  monthAt(index: number): string | undefined {
    return this.months[index];
  }

  private plotWidth(): number {
    return Math.max(280, Math.floor(this.getBoundingClientRect().width));
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The legend and axes are uPlot's own DOM and canvas: a new language redraws them.
    if (changed.has('perMonth') || this.drawnIn !== currentLanguage()) this.draw();
  }

  /** the latest draw asked for: an earlier one still waiting for uPlot gives way */
  private drawing = 0;

  private draw(): void {
    const run = ++this.drawing;
    void loadUPlot().then((UPlot) => {
      if (run === this.drawing && this.isConnected) this.drawWith(UPlot);
    });
  }

  private drawWith(UPlot: typeof uPlot): void {
    const target = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!target) return;
    this.plot?.destroy();
    this.plot = null;
    this.months = Object.keys(this.perMonth).sort();
    this.drawnIn = currentLanguage();
    if (!this.months.length) return;
    const c = chartColors(this);
    const xs = this.months.map(monthStart);
    const posts = this.months.map((m) => this.perMonth[m]!.posts);
    const boosts = this.months.map((m) => this.perMonth[m]!.boosts);
    const pad = 16 * 86_400;
    const axis = { stroke: c.muted, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 }, font: '12px system-ui, sans-serif' };
    const opts: uPlot.Options = {
      width: this.plotWidth(),
      height: HEIGHT,
      tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true, range: () => [xs[0]! - pad, xs[xs.length - 1]! + pad] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] } },
      axes: [{ ...axis, values: (_u, ticks) => ticks.map((ts, i) => formatTick(ts, i === 0)) }, { ...axis, size: 48, values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? formatNumber(t) : '')) }],
      cursor: { y: false, points: { size: 7, fill: c.surface }, drag: { x: false, y: false } },
      // A key of the two series, without values: a live legend reads "Month: – Posts: –" until the pointer is on
      // the chart, and the tooltip already says the month under it with both numbers.
      legend: { live: false },
      series: [
        { label: t('chart.month') },
        {
          label: t('chart.posts'), stroke: c.accent, fill: c.accent, width: 0,
          paths: UPlot.paths.bars!({ size: [0.72, 48], align: 0 }), points: { show: false },
        },
        { label: t('chart.boosts'), stroke: c.boost, width: 2, points: { show: this.months.length < 40, size: 4, fill: c.boost } },
      ],
      hooks: {
        setCursor: [(u) => this.moveTip(u)],
      },
    };
    this.plot = new UPlot(opts, [xs, posts, boosts], target);
    this.plot.over.addEventListener('click', () => {
      const month = this.monthAt(this.plot?.cursor.idx ?? -1);
      if (month) emitInsight(this, 'ox-show-posts', { patch: { from: month, to: month } });
    });
    this.plot.over.addEventListener('mouseleave', () => (this.tip = null));
  }

  private moveTip(u: uPlot): void {
    const i = u.cursor.idx;
    const month = i == null ? undefined : this.months[i];
    if (!month || u.cursor.left == null || u.cursor.left < 0) {
      this.tip = null;
      return;
    }
    const { posts, boosts } = this.perMonth[month]!;
    this.tip = { month, posts, boosts, left: u.over.offsetLeft + u.valToPos(u.data[0][i!]!, 'x') };
  }

  /** What the canvas shows, in one sentence for screen readers (the Table view has every number). */
  private summary(): string {
    const months = Object.keys(this.perMonth).sort();
    if (!months.length) return t('chart.none');
    const busiest = months.reduce((a, b) => (this.perMonth[b]!.posts > this.perMonth[a]!.posts ? b : a));
    return t('chart.summary', { from: formatMonth(months[0]!), to: formatMonth(months.at(-1)!), busiest: formatMonth(busiest), posts: plural(this.perMonth[busiest]!.posts, 'count.posts') });
  }

  override render() {
    const t = this.tip;
    return html`<p class="visually-hidden">${this.summary()}</p><div class="plot" aria-hidden="true"></div>
      ${t ? html`<div class="tip" aria-hidden="true" ${cssProps({ left: `${Math.round(t.left)}px` })}><strong>${formatMonth(t.month)}</strong>
        ${plural(t.posts, 'count.posts')} · ${plural(t.boosts, 'count.boosts')}</div>` : null}`;
  }
}

customElements.define('ox-month-chart', OxMonthChart);

declare global {
  interface HTMLElementTagNameMap {
    'ox-month-chart': OxMonthChart;
  }
}
