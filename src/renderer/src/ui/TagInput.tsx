/* Tags with autocomplete from the library's vocabulary; a new path ("theme/new") is allowed and joins it. */
import { TagsInput, type TagsInputProps } from '@mantine/core';
import { useAppState } from '../app/store';

interface Props extends Omit<TagsInputProps, 'data' | 'value' | 'onChange'> {
  value: string[];
  onChange: (tags: string[]) => void;
}

export function TagInput({ value, onChange, ...rest }: Props) {
  const tags = useAppState((s) => s.tags);
  const data = tags.map((t) => t.path);
  return (
    <TagsInput
      label="Tags"
      placeholder={value.length ? undefined : 'Type to find a tag, or a new path like theme/misogyny'}
      {...rest}
      data={data}
      value={value}
      onChange={(next) => onChange([...new Set(next.map((t) => t.trim().replace(/\s*\/\s*/g, '/')).filter(Boolean))])}
      splitChars={[',']}
      limit={30}
      maxDropdownHeight={260}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}
