import { Badge, Button, Combobox, Group, Loader, Paper, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api, qs } from '../../api';
import { errorMessage } from '../FormError';
import type { IcdCode } from './types';

/**
 * The Z-codes name the circumstances a person lives in (social, family, work, housing, the law):
 * offered as quick searches so they are as easy to reach as the clinical codes.
 */
export const circumstanceCategories: ReadonlyArray<{ code: string; label: string }> = [
  { code: 'Z63', label: 'Family and close relationships' },
  { code: 'Z60', label: 'Social environment' },
  { code: 'Z62', label: 'Upbringing' },
  { code: 'Z59', label: 'Housing and money' },
  { code: 'Z56', label: 'Work' },
  { code: 'Z55', label: 'Education and literacy' },
  { code: 'Z64', label: 'Psychosocial circumstances' },
  { code: 'Z65', label: 'Legal, crime, disaster, war' },
];

/**
 * Search ICD-10-CM by words or by code (debounced) and choose one code. Only billable codes can be
 * chosen; category headers are shown, dimmed, so the person sees where they are and types on.
 */
export function IcdSearch(props: { value: IcdCode | null; onChange: (code: IcdCode | null) => void; error?: string | undefined }) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const results = useQuery({
    queryKey: ['icd10cm', debounced],
    queryFn: () => api.get<IcdCode[]>(`/api/icd10cm${qs({ q: debounced, limit: 40 })}`),
    enabled: debounced.length >= 2,
    staleTime: 5 * 60_000,
  });
  const list = results.data ?? [];
  const billable = list.filter((c) => c.billable);
  const headers = list.filter((c) => !c.billable);

  const searchFor = (text: string) => {
    setQuery(text);
    combobox.openDropdown();
    inputRef.current?.focus();
  };

  if (props.value) {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Diagnosis code
        </Text>
        <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-gray-0)">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Badge variant="filled" color="dusk" radius="sm" size="lg" tt="none">
                {props.value.code}
              </Badge>
              <Text fw={500}>{props.value.description}</Text>
            </Group>
            <Button variant="subtle" size="compact-sm" onClick={() => props.onChange(null)}>
              Choose another code
            </Button>
          </Group>
        </Paper>
      </Stack>
    );
  }

  const option = (c: IcdCode) => (
    <Combobox.Option
      value={c.code}
      key={c.code}
      disabled={!c.billable}
      aria-disabled={!c.billable || undefined}
      aria-label={c.billable ? `${c.code} ${c.description}` : `${c.code} ${c.description} (a category: choose a more specific code)`}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text ff="monospace" fw={600} miw={64} c={c.billable ? undefined : 'dimmed'}>
          {c.code}
        </Text>
        <Stack gap={0}>
          <Text size="sm" c={c.billable ? undefined : 'dimmed'}>
            {c.description}
          </Text>
          {!c.billable && (
            <Text size="xs" c="dimmed" fs="italic">
              A category: choose a more specific code
            </Text>
          )}
        </Stack>
      </Group>
    </Combobox.Option>
  );

  return (
    <Stack gap="xs">
      <Combobox
        store={combobox}
        onOptionSubmit={(code) => {
          const chosen = list.find((c) => c.code === code);
          if (chosen?.billable) {
            props.onChange(chosen);
            setQuery('');
            combobox.closeDropdown();
          }
        }}
        withinPortal={false}
        position="bottom-start"
        middlewares={{ flip: false, shift: false }}
      >
        <Combobox.Target>
          <TextInput
            ref={inputRef}
            role="combobox"
            aria-autocomplete="list"
            label="Search ICD-10-CM"
            description="Type words or the start of a code, e.g. “generalized anxiety”, “F43.2” or “Z63”."
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={results.isFetching ? <Loader size={14} aria-label="Searching" /> : null}
            value={query}
            error={props.error}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onFocus={() => combobox.openDropdown()}
            onClick={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={debounced.length < 2}>
          <Combobox.Options mah={340} style={{ overflowY: 'auto' }} aria-label="ICD-10-CM codes">
            {results.isError ? (
              <Combobox.Empty>{errorMessage(results.error)}</Combobox.Empty>
            ) : results.isPending ? (
              <Combobox.Empty>Searching…</Combobox.Empty>
            ) : list.length === 0 ? (
              <Combobox.Empty>No code matches “{debounced}”. Try other words, or fewer of them.</Combobox.Empty>
            ) : (
              <>
                {billable.length > 0 && <Combobox.Group label="Codes you can choose">{billable.map(option)}</Combobox.Group>}
                {headers.length > 0 && <Combobox.Group label="Categories (type on to reach a specific code)">{headers.map(option)}</Combobox.Group>}
              </>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      <Stack gap={6}>
        <Text size="xs" c="dimmed" id={hintId}>
          Circumstances are diagnoses too. Search the Z-codes for social, family and systemic circumstances:
        </Text>
        <Group gap={6} wrap="wrap" role="group" aria-labelledby={hintId}>
          {circumstanceCategories.map((c) => (
            <Button key={c.code} size="compact-xs" variant="light" color="clay" radius="xl" onClick={() => searchFor(c.code)}>
              {c.label} ({c.code})
            </Button>
          ))}
        </Group>
      </Stack>
    </Stack>
  );
}
