import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../../src/core/search/markdown-text';

describe('Markdown as search text', () => {
  it('keeps what a reader sees and drops the markup', () => {
    expect(markdownToText('## Findings\n\nThe panel counted *twelve* **separate** failings; see [the report](https://example.org/r).\n\n- one `code`\n- two')).toBe(
      'Findings\nThe panel counted twelve separate failings; see the report.\none code\ntwo',
    );
    expect(markdownToText('<script>alert(1)</script> stays text')).toBe('<script>alert(1)</script> stays text');
    expect(markdownToText('Plain text, untouched')).toBe('Plain text, untouched');
  });
});
