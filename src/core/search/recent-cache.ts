/* A small cache that keeps what was used most recently, bounded by a total size (the least recently used go first). */
export class RecentCache<K, V> {
  private readonly entries = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The cached value for `key`, or `make()`'s, kept for next time. */
  get(key: K, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = make();
    const size = this.sizeOf(value);
    if (size > this.maxSize) return value;
    this.entries.set(key, { value, size });
    this.total += size;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxSize) break;
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
