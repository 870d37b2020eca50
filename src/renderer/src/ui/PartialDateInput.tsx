/* A date typed the way people write it ("June 2022", "28/06/2022", "c. 2021"), read back beneath as it will be stored. */
import { TextInput, type TextInputProps } from '@mantine/core';
import { formatPartialDate, parsePartialDate } from '../../../shared/partial-date';
import { DATE_HELP } from './form';

import { rememberTypedDate } from './date-text';

export { dateToText } from './date-text';

interface Props extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
}

export function PartialDateInput({ value, onChange, error, description, ...rest }: Props) {
  const parsed = value.trim() ? parsePartialDate(value) : undefined;
  const certainty = parsed?.certainty === 'approximate' ? ' (approximate)' : parsed?.certainty === 'inferred' ? ' (year inferred)' : '';
  const reading = parsed ? `Reads as ${formatPartialDate(parsed)}${certainty}` : value.trim() ? undefined : description;
  return (
    <TextInput
      {...rest}
      value={value}
      onChange={(e) => {
        rememberTypedDate(e.currentTarget.value);
        onChange(e.currentTarget.value);
      }}
      placeholder="e.g. 28 June 2022"
      title={DATE_HELP}
      description={reading}
      error={error ?? (value.trim() && !parsed ? `Not a date Casefolio can read. Try 2022, June 2022 or 28/06/2022.` : undefined)}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      autoComplete="off"
    />
  );
}
