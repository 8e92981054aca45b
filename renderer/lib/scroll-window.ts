// The scroll arithmetic of the windowed timeline: scrollTop ↔ (anchor post, offset into it), in a capped height.
//
// Chromium caps element heights near 16.7M px, so the scroll height is min(total × estimate, MAX_PX). Small
// scroll steps (wheel, keys, PageDown) move the content by real pixels through measured heights; big ones
// (dragging the thumb, Home/End) map scrollTop proportionally to a post index. When scrolling stops, the thumb
// is put back where the anchor says, so the two never drift far apart.

const MAX_PX = 4_000_000;
const BEFORE = 12;
const AFTER = 28;

export class ScrollWindow {
  private scroller: HTMLElement | null = null;
  private windowEl: HTMLElement | null = null;
  private total = 0;
  /** the post at the top of the viewport, and how many px of it are scrolled past */
  private anchor = 0;
  private offset = 0;
  private readonly heights = new Map<number, number>();
  private estimate = 220;
  private lastTop = 0;
  /** the scrollTop our own last assignment produced, and until when its scroll event is expected */
  private ignoreTop: number | null = null;
  private ignoreUntil = 0;
  private atEnd = false;
  private pinned = false;
  /** the post a jump asked for: once its card has rendered, its real position is measured and corrected once */
  private aligning: number | null = null;
  /** how many px of that post are to be scrolled past once it is aligned (a restored place) */
  private alignOffset = 0;

  constructor(private readonly changed: () => void) {}

  attach(scroller: HTMLElement, windowEl: HTMLElement): void {
    this.scroller = scroller;
    this.windowEl = windowEl;
  }

  reset(total: number): void {
    this.total = total;
    this.anchor = 0;
    this.offset = 0;
    this.heights.clear();
    this.atEnd = false;
    this.aligning = null;
    this.setTop(0);
  }

  private h(i: number): number {
    return this.heights.get(i) ?? this.estimate;
  }

  /** the scroller's height as its ResizeObserver last saw it (0: not yet, or hidden) */
  private seenHeight = 0;

  /** The scroller's height from its ResizeObserver, where layout is clean (see drawnSpacerHeight). */
  resized(height: number): void {
    this.seenHeight = height;
  }

  private viewport(): number {
    return this.scroller?.clientHeight ?? 800;
  }

  /** Extra height under the sticky viewport so the scroll height is min(total × estimate, MAX_PX). */
  spacerHeight(): number {
    return this.spacer(this.viewport());
  }

  /**
   * The same, for render(): from the height the ResizeObserver last saw, since clientHeight read while drawing forced
   * a layout of the whole page before the cards were in it (~80 ms of the first posts' frame, 100k trace). Live once
   * the list is shown again: a hidden list saw 0, and scrolling back to a place (restorePlace) reads it live anyway.
   */
  drawnSpacerHeight(): number {
    return this.spacer(this.seenHeight || this.viewport());
  }

  private spacer(viewport: number): number {
    return Math.max(0, Math.min(this.total * this.estimate, MAX_PX) - viewport);
  }

  private maxTop(): number {
    return this.spacerHeight();
  }

  /** [start, end) of the posts to render. */
  range(): [number, number] {
    const start = Math.max(0, this.anchor - BEFORE);
    return [start, Math.min(this.total, this.anchor + AFTER)];
  }

  firstVisible(): number {
    return this.offset > this.h(this.anchor) / 2 ? Math.min(this.total - 1, this.anchor + 1) : this.anchor;
  }

  isVisible(index: number): boolean {
    if (index < this.anchor) return false;
    let y = -this.offset;
    for (let i = this.anchor; i < index; i++) y += this.h(i);
    return y >= 0 && y + Math.min(this.h(index), 80) <= this.viewport();
  }

  private setTop(top: number): void {
    if (!this.scroller) return;
    const t = Math.round(top);
    if (Math.abs(this.scroller.scrollTop - t) >= 1) {
      this.scroller.scrollTop = t;
      // The browser may clamp or round: remember what it really did, and only for a moment.
      this.ignoreTop = this.scroller.scrollTop;
      this.ignoreUntil = performance.now() + 250;
    }
    this.lastTop = this.scroller.scrollTop;
  }

  private normalize(): void {
    while (this.offset >= this.h(this.anchor) && this.anchor < this.total - 1) this.offset -= this.h(this.anchor++);
    while (this.offset < 0 && this.anchor > 0) this.offset += this.h(--this.anchor);
    if (this.anchor === 0 && this.offset < 0) this.offset = 0;
  }

  scrollToIndex(index: number, offset = 0): void {
    if (!this.total) return;
    this.anchor = Math.max(0, Math.min(this.total - 1, Math.floor(index)));
    this.offset = offset;
    this.alignOffset = offset;
    this.atEnd = false;
    this.aligning = this.anchor;
    this.setTop(((this.anchor + offset / this.h(this.anchor)) / this.total) * this.maxTop());
    this.changed();
  }

  /** The post at the top of the viewport and how many px of it are scrolled past. */
  get position(): { index: number; offset: number } {
    return { index: this.anchor, offset: this.offset };
  }

  /** Home and End, without the browser's long animation through 100k posts. */
  scrollToEdge(end: boolean): void {
    if (!this.total) return;
    this.atEnd = end;
    this.anchor = 0;
    this.offset = 0;
    this.aligning = null;
    this.alignOffset = 0;
    this.setTop(end ? this.maxTop() : 0);
    this.changed();
  }

  onScroll(): void {
    const el = this.scroller;
    if (!el) return;
    const top = el.scrollTop;
    if (this.ignoreTop !== null && Math.abs(top - this.ignoreTop) < 2 && performance.now() < this.ignoreUntil) {
      this.ignoreTop = null;
      this.lastTop = top;
      return;
    }
    this.ignoreTop = null;
    // The reader scrolled: a jump still settling gives way.
    this.aligning = null;
    const delta = top - this.lastTop;
    this.lastTop = top;
    const max = this.maxTop();
    this.atEnd = false;
    if (top <= 0) {
      this.anchor = 0;
      this.offset = 0;
    } else if (top >= max - 1) {
      this.atEnd = true;
    } else if (Math.abs(delta) > this.viewport()) {
      const at = (top / max) * this.total;
      this.anchor = Math.min(this.total - 1, Math.floor(at));
      this.offset = (at - this.anchor) * this.h(this.anchor);
    } else {
      this.offset += delta;
      this.normalize();
    }
    this.changed();
  }

  /** Puts the thumb where the anchor is, once the user stops scrolling. */
  onScrollEnd(): void {
    if (!this.scroller || !this.total) return;
    const max = this.maxTop();
    const top = this.atEnd || this.pinned ? max : ((this.anchor + this.offset / this.h(this.anchor)) / this.total) * max;
    if (Math.abs(top - this.scroller.scrollTop) > 2) this.setTop(top);
  }

  private pinToEnd(): void {
    this.anchor = this.total - 1;
    this.offset = this.h(this.anchor) - this.viewport();
    this.normalize();
  }

  /** Measures the rendered posts, keeps the content inside its ends, and moves the window into place. */
  layout(): void {
    const win = this.windowEl;
    if (!win || !this.total) {
      if (win) win.style.transform = '';
      return;
    }
    const slots = win.querySelectorAll<HTMLElement>(':scope > .slot');
    let measured = 0;
    for (const slot of slots) {
      // A card that has not rendered yet would measure as an empty slot: wait for the ResizeObserver's call.
      const card = slot.firstElementChild as (Element & { hasUpdated?: boolean }) | null;
      if (card && card.hasUpdated === false) continue;
      // Fractional heights: whole pixels add up to several px of drift over the posts above the anchor.
      const h = slot.getBoundingClientRect().height;
      if (h > 0) this.heights.set(Number(slot.dataset.index), h), (measured += 1);
    }
    if (measured) this.updateEstimate();
    const [start, end] = this.range();
    this.pinned = false;
    if (this.atEnd) {
      this.pinToEnd();
      this.pinned = true;
    } else if (end === this.total) {
      // Judged on measured heights only: on estimates, a short list of tall cards (photos) looked shorter than the
      // window, was pinned to its end and opened past its first posts.
      let below = -this.offset;
      let known = true;
      for (let i = this.anchor; i < this.total; i++) {
        known &&= this.heights.has(i);
        below += this.h(i);
      }
      if (known && below < this.viewport()) {
        // Stays pinned (until the reader scrolls) while late-rendering cards change the heights below.
        this.atEnd = true;
        this.pinToEnd();
        this.pinned = true;
      }
    }
    const [newStart] = this.range();
    if (newStart !== start) {
      this.changed();
      return;
    }
    this.place(start);
    this.align(start);
  }

  private place(start: number): void {
    let y = this.offset;
    for (let i = start; i < this.anchor; i++) y += this.h(i);
    this.windowEl!.style.transform = `translateY(${-Math.round(y)}px)`;
  }

  /**
   * After a jump, heights above the target are partly estimates until their cards render: once the target's card
   * has rendered, measure where its slot really is and move it to the top of the viewport, once.
   */
  private align(start: number): void {
    const index = this.aligning;
    if (index === null || !this.scroller || !this.windowEl) return;
    if (index !== this.anchor || this.atEnd || this.pinned) {
      this.aligning = null;
      return;
    }
    // Not yet while the target or a post above it is a placeholder (its page is loading) or a card that has not
    // drawn itself: their heights are about to change anyway.
    let slot: HTMLElement | null = null;
    for (const s of this.windowEl.querySelectorAll<HTMLElement>(':scope > .slot')) {
      const i = Number(s.dataset.index);
      if (i > index) break;
      const card = s.firstElementChild as (Element & { hasUpdated?: boolean }) | null;
      if (!card || card.hasUpdated !== true) return;
      if (i === index) slot = s;
    }
    if (!slot) return;
    this.aligning = null;
    const error = slot.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top + this.alignOffset;
    if (Math.abs(error) < 1) return;
    this.offset += error;
    this.normalize();
    const [newStart] = this.range();
    if (newStart !== start) this.changed();
    else this.place(start);
  }

  private updateEstimate(): void {
    let sum = 0;
    for (const h of this.heights.values()) sum += h;
    const next = sum / this.heights.size;
    // Only move the scroll height on a real change, so the thumb does not jitter while reading.
    if (Math.abs(next - this.estimate) / this.estimate > 0.15) {
      this.estimate = next;
      this.changed();
    }
  }
}
