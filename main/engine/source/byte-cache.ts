// A small least-recently-used cache of whole entries, bounded by total bytes.

export class ByteCache {
  readonly #items = new Map<string, Buffer>();
  #bytes = 0;

  constructor(readonly budget: number) {}

  get(key: string): Buffer | undefined {
    const value = this.#items.get(key);
    if (value) {
      this.#items.delete(key);
      this.#items.set(key, value);
    }
    return value;
  }

  /** Room for `bytes` more without evicting anything. */
  fits(bytes: number): boolean {
    return this.#bytes + bytes <= this.budget;
  }

  set(key: string, value: Buffer): void {
    if (value.length > this.budget) return;
    const old = this.#items.get(key);
    if (old) {
      this.#bytes -= old.length;
      this.#items.delete(key);
    }
    this.#items.set(key, value);
    this.#bytes += value.length;
    for (const [oldest, buffer] of this.#items) {
      if (this.#bytes <= this.budget) break;
      this.#items.delete(oldest);
      this.#bytes -= buffer.length;
    }
  }

  get bytes(): number {
    return this.#bytes;
  }

  clear(): void {
    this.#items.clear();
    this.#bytes = 0;
  }
}
