/*
 * Every record a search matches, fetched a page at a time as the list scrolls to it. A query can match
 * all 100,000 records of a library: the window holds the pages it has seen, never asks for more than one
 * page at once, and waits for scrolling to pause before asking, so a fast fling does not queue a hundred
 * requests for pages that have already gone by.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../../shared/api/search-types';
import { api } from '../../api';

export const HITS_PAGE = 100;
const SETTLE_MS = 60;

export interface PagedHits {
  /** Records matching in all, once the first page has arrived. */
  total?: number;
  error?: string;
  /** The hit at `index`, or undefined while its page is on its way. */
  hitAt(index: number): SearchHit | undefined;
  /** Says which rows are in view, so their pages are fetched. */
  showing(first: number, last: number): void;
}

export function usePagedHits(query: string): PagedHits {
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<string>();
  const [, setVersion] = useState(0);
  // The query and its pages, replaced together: an answer that arrives for an older query is dropped.
  const current = useRef({ query, pages: new Map<number, SearchHit[]>() });
  const wanted = useRef<[number, number]>([0, 0]);
  const busy = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const mounted = useRef(true);

  const fetchNext = useCallback(() => {
    if (busy.current || !mounted.current) return;
    const asked = current.current;
    const [first, last] = wanted.current;
    let page = -1;
    for (let p = Math.floor(first / HITS_PAGE); p <= Math.floor(last / HITS_PAGE) && page < 0; p++) if (!asked.pages.has(p)) page = p;
    if (page < 0) return;
    busy.current = true;
    const settle = (apply: () => void) => {
      busy.current = false;
      if (!mounted.current) return;
      if (asked === current.current) apply();
      fetchNext();
    };
    api['search:query']({ query: asked.query, group: false, offset: page * HITS_PAGE, limit: HITS_PAGE }).then(
      (found) =>
        settle(() => {
          asked.pages.set(page, found.hits ?? []);
          setTotal(found.total);
          setVersion((v) => v + 1);
        }),
      (failure: unknown) =>
        settle(() => {
          asked.pages.set(page, []); // not asked again; the error is shown instead
          setError(failure instanceof Error ? failure.message : String(failure));
        }),
    );
  }, []);

  useEffect(() => {
    mounted.current = true;
    current.current = { query, pages: new Map() };
    wanted.current = [0, 0];
    setTotal(undefined);
    setError(undefined);
    fetchNext();
    return () => clearTimeout(timer.current);
  }, [query, fetchNext]);

  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const showing = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      clearTimeout(timer.current);
      timer.current = setTimeout(fetchNext, SETTLE_MS);
    },
    [fetchNext],
  );

  const hitAt = (index: number) => current.current.pages.get(Math.floor(index / HITS_PAGE))?.[index % HITS_PAGE];
  return { total, error, hitAt, showing };
}
