/* Growable typed arrays: the per-document columns of the index, compact and fast to persist. */

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T; BYTES_PER_ELEMENT: number };

export class Column<T extends TypedArray> {
  private array: T;
  length = 0;

  constructor(
    private readonly Type: TypedArrayConstructor<T>,
    initial: T | number = 1024,
    length?: number,
  ) {
    this.array = typeof initial === 'number' ? new Type(Math.max(16, initial)) : initial;
    this.length = typeof initial === 'number' ? 0 : (length ?? initial.length);
  }

  get values(): T {
    return this.array;
  }

  get(i: number): number {
    return this.array[i];
  }

  set(i: number, value: number): void {
    this.array[i] = value;
  }

  push(value: number): number {
    if (this.length === this.array.length) this.reserve(this.length + 1);
    this.array[this.length] = value;
    return this.length++;
  }

  /** Appends every value of `values`. */
  append(values: T): void {
    this.reserve(this.length + values.length);
    this.array.set(values as never, this.length);
    this.length += values.length;
  }

  reserve(capacity: number): void {
    if (capacity <= this.array.length) return;
    const next = new this.Type(Math.max(capacity, Math.ceil(this.array.length * 1.5) + 16));
    next.set(this.array.subarray(0, this.length) as never);
    this.array = next;
  }

  /** The filled part, sharing memory with the column. */
  view(): T {
    return this.array.subarray(0, this.length) as T;
  }
}
