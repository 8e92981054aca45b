// Subscribes its host to the engine's open progress while connected (OutboxApi.onProgress with an AbortSignal).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OpenProgress, OutboxApi } from '../../preload/contract.js';

export class ProgressController implements ReactiveController {
  private abort: AbortController | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly api: OutboxApi,
    private readonly listener: (progress: OpenProgress) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.abort = new AbortController();
    try {
      this.unsubscribe = this.api.onProgress(this.listener, this.abort.signal);
    } catch {
      // Progress is a nicety: a transport without it still opens archives.
    }
  }

  hostDisconnected(): void {
    this.abort?.abort();
    // The signal does not cross Electron's contextBridge: the returned function always unsubscribes.
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
