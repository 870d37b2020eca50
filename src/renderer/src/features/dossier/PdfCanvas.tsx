/* One PDF page drawn by pdf.js into a canvas; sized by its attributes and CSS classes, never an inline style. */
import { useEffect, useRef, useState } from 'react';
import { renderPage, type PdfDocument } from './pdf-document';

export function PdfCanvas({ doc, page, width, label }: { doc: PdfDocument; page: number; width: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'drawing' | 'drawn' | 'failed'>('drawing');
  useEffect(() => {
    let cancelled = false;
    setState('drawing');
    if (canvas.current)
      renderPage(doc, page, canvas.current, width).then(
        () => !cancelled && setState('drawn'),
        () => !cancelled && setState('failed'),
      );
    return () => {
      cancelled = true;
    };
  }, [doc, page, width]);
  return <canvas ref={canvas} className="pdf-canvas" role="img" aria-label={label} data-state={state} />;
}
