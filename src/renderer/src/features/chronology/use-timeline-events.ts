/*
 * The events the timeline draws: the open case's (as the list's filters leave them) and, when the person adds
 * other cases to the picture, theirs under the same filters. Other cases are read through the contract once
 * per change of the choice or of the open case, so an edit made in the window shows on the next draw.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CaseFile, EventRecord } from '../../../../shared/domain';
import { timelineEvents, type TimelineEvent } from '../../../../shared/timeline';
import { api } from '../../api';
import { useAppState } from '../../app/store';
import { eventMatches } from '../records/record-filter';

export interface TimelineBand {
  caseId: string;
  title: string;
  events: TimelineEvent[];
}

export function useTimelineBands(currentEvents: EventRecord[], otherCaseIds: string[]): { bands: TimelineBand[]; failed?: string } {
  const caseFile = useAppState((s) => s.caseFile);
  const filter = useAppState((s) => s.filter);
  const [others, setOthers] = useState<CaseFile[]>([]);
  const [failed, setFailed] = useState<string>();
  const key = otherCaseIds.join(',');

  useEffect(() => {
    let cancelled = false;
    const ids = key ? key.split(',') : [];
    Promise.all(ids.map((caseId) => api['cases:get']({ caseId })))
      .then((files) => {
        if (cancelled) return;
        setOthers(files);
        setFailed(undefined);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
    };
  }, [key, caseFile]);

  const bands = useMemo(() => {
    const list: TimelineBand[] = [];
    if (caseFile) list.push({ caseId: caseFile.case.id, title: caseFile.case.title, events: timelineEvents(caseFile.case.id, currentEvents) });
    for (const other of others) {
      if (other.case.id === caseFile?.case.id) continue;
      list.push({ caseId: other.case.id, title: other.case.title, events: timelineEvents(other.case.id, other.events.filter((e) => eventMatches(e, filter))) });
    }
    return list;
  }, [caseFile, currentEvents, others, filter]);

  return { bands, failed };
}
