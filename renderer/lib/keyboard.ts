// Single-key shortcuts (j, k, /, x, ?, Enter, Esc) as a reactive controller: listening only while connected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type KeyHandler = (event: KeyboardEvent, target: Element | null) => boolean | void;

/** True when the key belongs to what the reader is typing into. */
function typing(target: Element | null): boolean {
  if (!target) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target as HTMLElement).isContentEditable;
}

export class KeyboardController implements ReactiveController {
  private abort: AbortController | null = null;

  constructor(host: ReactiveControllerHost, private readonly keys: Record<string, KeyHandler>) {
    host.addController(this);
  }

  hostConnected(): void {
    this.abort = new AbortController();
    window.addEventListener('keydown', (event) => this.onKey(event), { signal: this.abort.signal });
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = (event.composedPath()[0] as Element | undefined) ?? null;
    if (event.key !== 'Escape' && typing(target)) return;
    // Inside an open modal dialog only Escape is ours (and the dialog closes itself on it).
    if (target?.closest?.('dialog[open]')) return;
    const handler = this.keys[event.key];
    if (handler && handler(event, target) !== false) event.preventDefault();
  }
}
