/* The right pane on the people page: the chosen person's details to edit, their cases and roles, and their mentions. */
import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PersonDetails } from '../../../../shared/api/people-inputs';
import { api } from '../../api';
import { notifyError } from '../../app/actions';
import { useAppState } from '../../app/store';
import { Mentions } from './Mentions';
import { PersonForm } from './PersonForm';

export function PersonPage() {
  const personId = useAppState((s) => s.personId);
  const person = useAppState((s) => s.people.find((p) => p.id === s.personId));
  const cases = useAppState((s) => s.cases);
  const [details, setDetails] = useState<PersonDetails | undefined>();

  // Mentions are found again whenever the person or any case changes (the case list is refreshed after every change).
  useEffect(() => {
    setDetails(undefined);
    if (!person) return;
    let current = true;
    api['people:get']({ personId: person.id }).then(
      (d) => current && setDetails(d),
      (error: unknown) => notifyError('Could not find the mentions', error),
    );
    return () => {
      current = false;
    };
  }, [person, cases]);

  if (personId === 'new') return <PersonForm key="new-person" />;
  if (!person) {
    return (
      <div className="editor editor-placeholder">
        <Text c="dimmed" size="sm">
          Choose a person on the left to see their cases and every mention of their names, or add a new person.
        </Text>
      </div>
    );
  }
  return <PersonForm key={`${person.id}:${person.updatedAt}`} person={person}>{details ? <Mentions details={details} /> : <Text size="sm" c="dimmed">Finding mentions…</Text>}</PersonForm>;
}
