import { useEffect, useState } from 'react';
import {
  Anchor,
  Button,
  Group,
  Loader,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { api, qs } from '../../api';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { FormError } from '../../components/FormError';
import { phaseLabels, phases } from '../../../domain/journey/phases';
import { PhaseBadge } from '../../components/clinical/badges';
import { formatDateTime } from '../../components/clinical/format';
import { practitionerOptions, usePractitioners } from '../../components/clinical/queries';
import type { ClientRow, Paged } from '../../components/clinical/types';

const PAGE_SIZE = 25;
const phaseOptions = [...phases.map((p) => ({ value: p, label: phaseLabels[p] })), { value: 'ended', label: 'Ended (no open chapter)' }];

/** Everyone the practice is in relationship with: search, filter, open. */
export function ClientsPage() {
  useDocumentTitle('Clients');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const practitionerId = params.get('practitioner');
  const phase = params.get('phase');
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q: q || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const practitioners = usePractitioners();
  const list = useQuery({
    queryKey: ['clients', 'list', { q, practitionerId, phase, page }],
    queryFn: () =>
      api.get<Paged<ClientRow>>(`/api/clients${qs({ q, practitionerId, phase, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / (list.data?.pageSize ?? PAGE_SIZE)));
  const filtered = Boolean(q || practitionerId || phase);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">Clients</Title>
          <Text c="dimmed">The people this practice is in relationship with.</Text>
        </div>
        <Button component={Link} to="/clients/new" leftSection={<IconUserPlus size={16} aria-hidden />}>
          New client
        </Button>
      </Group>

      <Paper withBorder p="md" radius="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            label="Search by name"
            placeholder="Name or legal name"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
            type="search"
          />
          <Select
            label="Practitioner"
            placeholder="All practitioners"
            data={practitionerOptions(practitioners.data)}
            value={practitionerId}
            onChange={(v) => update({ practitioner: v })}
            clearable
            searchable
            w={240}
          />
          <Select
            label="Phase"
            placeholder="Any phase"
            data={phaseOptions}
            value={phase}
            onChange={(v) => update({ phase: v })}
            clearable
            w={240}
          />
          {list.isFetching && <Loader size="sm" aria-label="Loading clients" />}
        </Group>
      </Paper>

      <FormError error={list.error} />

      {list.isLoading ? (
        <Loading label="Loading clients…" />
      ) : rows.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap="xs">
            <Text fw={600}>{filtered ? 'No one matches these filters.' : 'No clients yet.'}</Text>
            <Text c="dimmed" ta="center">
              {filtered
                ? 'Try another name, or clear the practitioner and phase filters.'
                : 'When someone reaches out and you accept, or you add someone yourself, they appear here.'}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <VisuallyHidden component="caption">
                Clients, {total} in all{filtered ? ' matching the filters' : ''}
              </VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Pronouns</Table.Th>
                  <Table.Th>Phase</Table.Th>
                  <Table.Th>Primary practitioner</Table.Th>
                  <Table.Th>Next session</Table.Th>
                  <Table.Th>Last session</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/clients/${c.id}`)}>
                    <Table.Td>
                      <Anchor component={Link} to={`/clients/${c.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.pronouns || <Text span c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>
                      <PhaseBadge phase={c.currentPhase} size="sm" />
                    </Table.Td>
                    <Table.Td>{c.primaryPractitionerName ?? <Text span c="dimmed">None yet</Text>}</Table.Td>
                    <Table.Td>{c.nextSessionAt ? formatDateTime(c.nextSessionAt) : <Text span c="dimmed">None scheduled</Text>}</Table.Td>
                    <Table.Td>{c.lastSessionAt ? formatDateTime(c.lastSessionAt) : <Text span c="dimmed">—</Text>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      {total > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {total === 1 ? '1 client' : `${total} clients`}
            {pages > 1 ? `, page ${page} of ${pages}` : ''}
          </Text>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={(p) => update({ page: p > 1 ? String(p) : null })}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
              getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
            />
          )}
        </Group>
      )}
    </Stack>
  );
}
