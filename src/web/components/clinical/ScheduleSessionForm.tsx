import { useEffect, useState } from 'react';
import { FieldAwareError } from './FieldAwareError';
import { Button, Group, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCalendarPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { api, qs } from '../../api';
import { fieldError } from '../FormError';
import { useDraft } from '../useDraft';
import { formatLabels, modalityLabels, sessionFormats, sessionModalities } from '../../../domain/sessions/rules';
import { formatOfUnit, type UnitKind } from '../../../domain/units/units';
import { localToIso } from './format';
import type { ClientRow, Paged, Session, SessionFormat, SessionModality } from './types';

type Repeat = 'none' | 'weekly' | 'fortnightly';

interface ScheduleDraft {
  clientId: string | null;
  clientLabel: string;
  practitionerId: string | null;
  date: string;
  time: string;
  minutes: number | string;
  format: SessionFormat;
  modality: SessionModality;
  recurrence: Repeat;
  count: number | string;
}

export interface ScheduleSessionFormProps {
  /** The client, when scheduling from their page; otherwise a client chooser is shown. */
  client?: { id: string; name: string };
  /**
   * A couple, family or group, when scheduling from its page: the session is for the unit (sent
   * as `unitId`), its format follows the unit's kind, and no client chooser is shown.
   */
  unit?: { id: string; name: string; kind: UnitKind };
  /** The length offered at first, in minutes (50 unless given). */
  defaultMinutes?: number;
  /** Whose calendar it goes into; sent to the server when given. */
  practitionerId?: string;
  /** Lets the person choose who holds the session (e.g. the client's practitioners). */
  practitionerChoices?: Array<{ value: string; label: string }>;
  /** Pre-filled start, e.g. an empty calendar slot that was clicked. */
  initialStart?: { date: string; time: string };
  /** Where the draft is kept, so a half-typed form survives a reload. */
  draftKey: string;
  onScheduled?: (sessions: Session[]) => void;
  onCancel?: () => void;
}

const repeatOptions = [
  { value: 'none', label: 'Does not repeat' },
  { value: 'weekly', label: 'Every week' },
  { value: 'fortnightly', label: 'Every two weeks' },
];

function nextHour(): { date: string; time: string } {
  const d = dayjs().add(1, 'hour').startOf('hour');
  return { date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') };
}

/** Schedules one session or a series: date and time are the browser's local time, sent as ISO. */
export function ScheduleSessionForm(props: ScheduleSessionFormProps) {
  const start = props.initialStart ?? nextHour();
  const initial: ScheduleDraft = {
    clientId: props.client?.id ?? null,
    clientLabel: props.client?.name ?? '',
    practitionerId: props.practitionerId ?? props.practitionerChoices?.[0]?.value ?? null,
    date: start.date,
    time: start.time,
    minutes: props.defaultMinutes ?? 50,
    format: props.unit ? formatOfUnit(props.unit.kind) : 'individual',
    modality: 'in_person',
    recurrence: 'none',
    count: 6,
  };
  const [draft, setDraft, clearDraft] = useDraft<ScheduleDraft>(props.draftKey, initial);
  // A clicked slot always wins over an older draft's time.
  const slotDate = props.initialStart?.date;
  const slotTime = props.initialStart?.time;
  useEffect(() => {
    if (slotDate && slotTime) setDraft((d) => (d.date === slotDate && d.time === slotTime ? d : { ...d, date: slotDate, time: slotTime }));
  }, [slotDate, slotTime, setDraft]);
  const [localError, setLocalError] = useState<string | null>(null);
  const set = <K extends keyof ScheduleDraft>(k: K, v: ScheduleDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const [search, setSearch] = useState(draft.clientLabel);
  const [debounced] = useDebouncedValue(search, 250);
  const chooserPractitioner = props.practitionerId ?? draft.practitionerId ?? undefined;
  const clients = useQuery({
    queryKey: ['clients', 'chooser', debounced, chooserPractitioner ?? null],
    queryFn: () =>
      api.get<Paged<ClientRow>>(`/api/clients${qs({ q: debounced, practitionerId: chooserPractitioner, pageSize: 20 })}`),
    enabled: !props.client && !props.unit,
  });
  const clientOptions = (clients.data?.rows ?? []).filter((c) => c.currentPhase !== 'ended').map((c) => ({ value: c.id, label: c.name }));
  if (draft.clientId && !clientOptions.some((o) => o.value === draft.clientId)) {
    clientOptions.unshift({ value: draft.clientId, label: draft.clientLabel });
  }

  const queryClient = useQueryClient();
  const schedule = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<{ sessions: Session[] }>('/api/sessions', body),
    onSuccess: async (res) => {
      clearDraft();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['sessions'] }),
        queryClient.invalidateQueries({ queryKey: ['clients'] }),
        queryClient.invalidateQueries({ queryKey: ['journey'] }),
      ]);
      props.onScheduled?.(res.sessions);
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    const clientId = props.client?.id ?? draft.clientId;
    if (!props.unit && !clientId) return setLocalError('Choose who the session is with.');
    const startsAt = localToIso(draft.date, draft.time);
    if (!startsAt) return setLocalError('Give the date and the start time.');
    const body: Record<string, unknown> = {
      ...(props.unit ? { unitId: props.unit.id } : { clientId }),
      startsAt,
      minutes: Number(draft.minutes),
      format: props.unit ? formatOfUnit(props.unit.kind) : draft.format,
      modality: draft.modality,
      recurrence: draft.recurrence,
    };
    if (draft.recurrence !== 'none') body.count = Number(draft.count);
    const practitionerId = props.practitionerId ?? draft.practitionerId;
    if (practitionerId) body.practitionerId = practitionerId;
    schedule.mutate(body);
  };

  const err = schedule.error;
  const repeating = draft.recurrence !== 'none';
  return (
    <form onSubmit={submit} aria-label="Schedule a session" noValidate>
      <Stack gap="sm">
        {!props.client && !props.unit && (
          <Select
            label="Client"
            placeholder="Type a name to search"
            searchable
            required
            data={clientOptions}
            value={draft.clientId}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options }) => options}
            onChange={(value, option) => setDraft((d) => ({ ...d, clientId: value, clientLabel: option?.label ?? '' }))}
            nothingFoundMessage={clients.isFetching ? 'Searching…' : 'No open chapter matches that name'}
            error={fieldError(err, 'clientId')}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {props.practitionerChoices && props.practitionerChoices.length > 1 && (
          <NativeSelect
            label="With"
            data={props.practitionerChoices}
            value={draft.practitionerId ?? ''}
            onChange={(e) => set('practitionerId', e.currentTarget.value)}
          />
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <TextInput
            type="date"
            label="Date"
            required
            value={draft.date}
            onChange={(e) => set('date', e.currentTarget.value)}
            error={fieldError(err, 'startsAt')}
          />
          <TextInput type="time" label="Start time" required value={draft.time} onChange={(e) => set('time', e.currentTarget.value)} step={300} />
          <NumberInput
            label="Length in minutes"
            required
            min={5}
            max={480}
            step={5}
            value={draft.minutes}
            onChange={(v) => set('minutes', v)}
            error={fieldError(err, 'minutes')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {props.unit ? (
            <TextInput
              label="Format"
              readOnly
              variant="filled"
              value={formatLabels[formatOfUnit(props.unit.kind)]}
              description={`Follows ${props.unit.name}: a ${props.unit.kind} session`}
              error={fieldError(err, 'format')}
            />
          ) : (
            <NativeSelect
              label="Format"
              data={sessionFormats.map((f) => ({ value: f, label: formatLabels[f] }))}
              value={draft.format}
              onChange={(e) => set('format', e.currentTarget.value as SessionFormat)}
              error={fieldError(err, 'format')}
            />
          )}
          <NativeSelect
            label="Modality"
            data={sessionModalities.map((m) => ({ value: m, label: modalityLabels[m] }))}
            value={draft.modality}
            onChange={(e) => set('modality', e.currentTarget.value as SessionModality)}
            error={fieldError(err, 'modality')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect label="Repeat" data={repeatOptions} value={draft.recurrence} onChange={(e) => set('recurrence', e.currentTarget.value as Repeat)} />
          {repeating && (
            <NumberInput
              label="Number of sessions"
              description="Including the first, 2 to 52"
              min={2}
              max={52}
              value={draft.count}
              onChange={(v) => set('count', v)}
              error={fieldError(err, 'count')}
            />
          )}
        </SimpleGrid>
        {repeating && (
          <Text size="sm" c="dimmed">
            Repeats keep the same local time, even across a clock change.
          </Text>
        )}
        {localError && (
          <Text role="alert" c="red" size="sm">
            {localError}
          </Text>
        )}
        <FieldAwareError error={err} fields={[...(props.client || props.unit ? [] : ['clientId']), 'startsAt', 'minutes', 'format', 'modality', 'count']} />
        <Group justify="flex-end" gap="sm">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={schedule.isPending} leftSection={<IconCalendarPlus size={16} aria-hidden />}>
            {repeating ? 'Schedule the series' : 'Schedule session'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
