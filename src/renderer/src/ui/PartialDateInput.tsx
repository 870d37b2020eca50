/* A date typed the way people write it ("June 2022", "28/06/2022", "c. 2021"), read back beneath as it will be stored. */
import { TextInput, type TextInputProps } from '@mantine/core';
import { formatPartialDate, parsePartialDate } from '../../../shared/partial-date';
import { DATE_HELP } from './form';

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
      onChange={(e) => onChange(e.currentTarget.value)}
      placeholder="e.g. 28 June 2022"
      title={DATE_HELP}
      description={reading}
      error={error ?? (value.trim() && !parsed ? `Not a date Casefolio can read. Try 2022, June 2022 or 28/06/2022.` : undefined)}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      autoComplete="off"
    />
  );
}

/** The text a stored date is edited as: "28/06/2022", "June 2022", "2022", with "c. " or "?" for its certainty. */
export function dateToText(date: { value: string; certainty: 'exact' | 'approximate' | 'inferred' } | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.value.split('-');
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const text = d ? `${d}/${m}/${y}` : m ? `${MONTHS[Number(m) - 1]} ${y}` : y;
  if (date.certainty === 'approximate') return `c. ${text}`;
  if (date.certainty === 'inferred') return text.replace(y, `[${y}]`);
  return text;
}
