import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api';

interface ClientRow {
  id: string;
  name: string;
  pronouns?: string | null;
}

/** Choose a client by typing part of their name (GET /api/clients?q=). */
export function ClientPicker({
  value,
  onChange,
  label = 'Client',
  initialName,
  ...rest
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange(id: string | null, name: string | null): void;
  label?: string;
  /** The chosen client's name when the value was set from elsewhere. */
  initialName?: string;
}) {
  const [search, setSearch] = useState(initialName ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<ClientRow | null>(value && initialName ? { id: value, name: initialName } : null);
  const results = useQuery({
    queryKey: ['clients', 'picker', debounced],
    queryFn: () => api.get<{ rows: ClientRow[] }>(`/api/clients${qs({ q: debounced, pageSize: 20 })}`),
    staleTime: 30_000,
  });
  const rows = results.data?.rows ?? [];
  const data = [...(picked && !rows.some((r) => r.id === picked.id) ? [picked] : []), ...rows].map((r) => ({
    value: r.id,
    label: r.pronouns ? `${r.name} (${r.pronouns})` : r.name,
  }));
  return (
    <Select
      label={label}
      placeholder="Type a name to search"
      searchable
      clearable
      data={data}
      value={value}
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => {
        const row = [...rows, ...(picked ? [picked] : [])].find((r) => r.id === id) ?? null;
        setPicked(row);
        onChange(id, row?.name ?? null);
      }}
      nothingFoundMessage={results.isPending ? 'Searching…' : 'No client by that name'}
      {...rest}
    />
  );
}
