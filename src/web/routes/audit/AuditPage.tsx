import { Alert, Button, Code, Fieldset, Group, Pagination, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api';
import { ClientPicker } from '../../components/ClientPicker';
import { formatInZoneFull, formatUtc } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading, LoadError } from '../../components/States';
import { useDraft } from '../../components/useDraft';
import { useMe } from '../../session/SessionContext';
import { roleLabels, type Role } from '../../../domain/people/roles';
import type { Person } from '../people/types';

interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  clientId: string | null;
  clientName: string | null;
  recordType: string | null;
  recordId: string | null;
  ip: string | null;
}
interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
}
interface Verify {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  message: string;
}

interface Filters {
  from: string | null;
  to: string | null;
  actorId: string | null;
  clientId: string | null;
  clientName: string | null;
  page: number;
}
const noFilters: Filters = { from: null, to: null, actorId: null, clientId: null, clientName: null, page: 1 };

/** Midnight at the start of a calendar day in a time zone, as an ISO instant. */
function startOfDayIn(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that moment, read back through Intl.
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(guess));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asIfUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  const offset = asIfUtc - guess;
  return new Date(guess - offset).toISOString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function actionLabel(action: string): string {
  return action.replace(/[._]/g, ' ');
}

export function AuditPage() {
  const me = useMe();
  const tz = me.practice.timezone;
  const [filters, setFilters] = useDraft<Filters>('audit:filters', noFilters);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));

  const people = useQuery({ queryKey: ['people'], queryFn: () => api.get<Person[]>('/api/people') });
  const query = qs({
    from: filters.from ? startOfDayIn(filters.from, tz) : undefined,
    to: filters.to ? startOfDayIn(nextDay(filters.to), tz) : undefined,
    actorId: filters.actorId,
    clientId: filters.clientId,
    page: filters.page,
  });
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<AuditPage>(`/api/audit${query}`),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.get<Verify>('/api/audit/verify') });

  const personOptions = (people.data ?? [])
    .map((p) => ({ value: p.id, label: p.active ? p.displayName : `${p.displayName} (deactivated)` }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const pages = audit.data ? Math.max(1, Math.ceil(audit.data.total / audit.data.pageSize)) : 1;
  const anyFilter = filters.from || filters.to || filters.actorId || filters.clientId;

  return (
    <>
      <PageHeader
        title="Audit"
        description={`Every time someone opens or changes a record, it is written here, in a chain that cannot be altered unnoticed. Times are shown in the practice's time zone (${tz}) and in UTC.`}
        actions={
          <Button leftSection={<IconShieldCheck size={16} aria-hidden />} onClick={() => verify.mutate()} loading={verify.isPending} variant="light">
            Verify the chain
          </Button>
        }
      />
      <Stack gap="lg">
        <FormError error={verify.error} />
        {verify.data && (
          <Alert
            role="status"
            color={verify.data.ok ? 'teal' : 'red'}
            variant="light"
            icon={verify.data.ok ? <IconShieldCheck aria-hidden /> : <IconShieldX aria-hidden />}
            title={verify.data.ok ? 'The audit chain is intact' : 'The audit chain is broken'}
            withCloseButton
            onClose={() => verify.reset()}
          >
            <Text size="sm">{verify.data.message}</Text>
            <Text size="xs" c="dimmed" mt={4}>
              {verify.data.checked.toLocaleString('en-GB')} entries checked
              {verify.data.firstBrokenSeq !== null ? ` · first broken entry: #${verify.data.firstBrokenSeq}` : ''}.
            </Text>
          </Alert>
        )}
        <Fieldset legend="Filters" bg="white">
          <Group align="flex-end" gap="md" wrap="wrap">
            <DatePickerInput
              label="From"
              placeholder="Any date"
              value={filters.from}
              onChange={(v) => set({ from: v })}
              clearable
              valueFormat="ddd D MMM YYYY"
              maxDate={filters.to ?? undefined}
              w={190}
            />
            <DatePickerInput
              label="To"
              placeholder="Any date"
              value={filters.to}
              onChange={(v) => set({ to: v })}
              clearable
              valueFormat="ddd D MMM YYYY"
              minDate={filters.from ?? undefined}
              w={190}
            />
            <Select
              label="Person"
              placeholder="Anyone"
              data={personOptions}
              value={filters.actorId}
              onChange={(v) => set({ actorId: v })}
              searchable
              clearable
              w={240}
            />
            <ClientPicker
              label="Client"
              placeholder="Any client"
              value={filters.clientId}
              initialName={filters.clientName ?? undefined}
              onChange={(id, name) => set({ clientId: id, clientName: name })}
              w={240}
            />
            {anyFilter && (
              <Button variant="subtle" onClick={() => setFilters(noFilters)}>
                Clear filters
              </Button>
            )}
          </Group>
        </Fieldset>
        {audit.isPending ? (
          <Loading label="Reading the audit log…" />
        ) : audit.isError ? (
          <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : audit.data.rows.length === 0 ? (
          <Empty>{anyFilter ? 'Nothing was recorded that matches these filters.' : 'Nothing has been recorded yet.'}</Empty>
        ) : (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={1000}>
              <Table verticalSpacing="xs" striped fz="sm" style={{ opacity: audit.isPlaceholderData ? 0.6 : 1 }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>When ({tz})</Table.Th>
                    <Table.Th>When (UTC)</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Client</Table.Th>
                    <Table.Th>Record</Table.Th>
                    <Table.Th>Address</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {audit.data.rows.map((r) => (
                    <Table.Tr key={r.seq}>
                      <Table.Td c="dimmed">{r.seq}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInZoneFull(r.at, tz)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }} c="dimmed">
                        {formatUtc(r.at)}
                      </Table.Td>
                      <Table.Td>{r.actorName ?? (r.actorId ? 'Unknown person' : 'Someone signed out')}</Table.Td>
                      <Table.Td>{r.actorRole ? (roleLabels[r.actorRole as Role] ?? r.actorRole) : '—'}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }} fw={500}>
                        {actionLabel(r.action)}
                      </Table.Td>
                      <Table.Td>{r.clientName ?? '—'}</Table.Td>
                      <Table.Td>
                        {r.recordType ? (
                          <Text size="sm" span>
                            {r.recordType}
                            {r.recordId && (
                              <Code ml={4} title={r.recordId}>
                                {r.recordId.slice(0, 8)}
                              </Code>
                            )}
                          </Text>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Code>{r.ip ?? '—'}</Code>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between" p="md">
              <Text size="sm" c="dimmed">
                {audit.data.total.toLocaleString('en-GB')} entries
              </Text>
              <Pagination
                total={pages}
                value={filters.page}
                onChange={(p) => set({ page: p })}
                getControlProps={(control) => ({ 'aria-label': `${control} page` })}
                getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
              />
            </Group>
          </Paper>
        )}
      </Stack>
    </>
  );
}
