/*
 * A small seeded random source, so every benchmark run generates the same library and the same queries
 * and runs can be compared. sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, 128 bits of
 * state, good enough statistical quality for test data; never for anything that needs secrecy.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A length drawn from a log-normal distribution around `median`, clamped: text lengths are skewed like this. */
  lengthAround(median: number, min: number, max: number, spread = 0.6): number {
    const u1 = Math.max(this.next(), 1e-12);
    const u2 = this.next();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(min, Math.min(max, Math.round(median * Math.exp(spread * normal))));
  }

  /** An independent stream derived from this one (so adding a field later does not shift every other value). */
  fork(label: number): Random {
    return new Random((Math.floor(this.next() * 2 ** 32) ^ Math.imul(label, 0x85ebca6b)) >>> 0);
  }
}

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+offset)^s: word frequencies follow this (Zipf). */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(n: number, s = 1.0, offset = 2.7) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + offset, s);
      this.cumulative[i] = sum;
    }
    for (let i = 0; i < n; i++) this.cumulative[i] /= sum;
  }

  sample(random: Random): number {
    const u = random.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
