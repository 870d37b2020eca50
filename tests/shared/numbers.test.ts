import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../src/shared/numbers';

describe('groupDigits', () => {
  it('writes whole numbers as en-GB toLocaleString does', () => {
    const values = [0, 1, 12, 999, 1000, 1001, 9999, 10_000, 65_535, 999_999, 1_000_000, 1_048_576, 536_870_912, -1, -1234, -1_000_000, Number.MAX_SAFE_INTEGER];
    for (let n = 1; n < 1e15; n = n * 7 + 3) values.push(n);
    for (const n of values) expect(groupDigits(n), String(n)).toBe(n.toLocaleString('en-GB'));
    expect(groupDigits(1_048_576)).toBe('1,048,576');
  });

  it('leaves fractions and huge numbers to Intl', () => {
    for (const n of [1.5, 1234.5678, 1e21, Number.MAX_SAFE_INTEGER + 2]) expect(groupDigits(n)).toBe(n.toLocaleString('en-GB'));
  });
});
