import { Alert, Fieldset, Group, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, qs } from '../../api';
import { practitionerOptions, usePractitioners } from '../../components/clinical/queries';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading, LoadError } from '../../components/States';
import { isAdmin, useMe } from '../../session/SessionContext';
import { HeadlineFigures, HowWorkedOut, MeasuresChange, NotOnTrackList } from './OutcomesReport';
import {
  dayLabel,
  defaultPreset,
  isDay,
  isPreset,
  type Period,
  periodInstants,
  periodPresets,
  presetPeriod,
  type PeriodPreset,
  todayIn,
} from './period';
import type { Practitioner } from '../../components/clinical/types';
import { outcomesKey, type Outcomes } from './types';

/** The chooser's value for everyone the person may see (no practitioner named). */
const WHOLE = 'everyone';

/** The choosable caseloads: everyone for an admin; for a supervisor their own and their associates'. */
function caseloadOptions(list: Array<Practitioner & { supervisorIds?: string[] }> | undefined, me: { id: string; admin: boolean }): Array<{ value: string; label: string }> {
  const all = list ?? [];
  if (me.admin) return practitionerOptions(all);
  const associates = all.filter((p) => p.id !== me.id && p.roles.includes('associate') && (p.supervisorIds ? p.supervisorIds.includes(me.id) : true));
  return [{ value: me.id, label: 'Only your own clients' }, ...practitionerOptions(associates).map((o) => ({ ...o, label: `${o.label}, whom you supervise` }))];
}

/** Practice outcomes for a period, de-identified: for admins the whole practice, for others their own caseload. */
export function OutcomesPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const supervisor = me.user.roles.includes('supervisor');
  const canChoose = admin || supervisor;
  const tz = me.practice.timezone;
  const [params, setParams] = useSearchParams();

  const requested = params.get('period');
  const preset: PeriodPreset = isPreset(requested) ? requested : defaultPreset;
  const today = todayIn(tz);
  const customFrom = params.get('from');
  const customTo = params.get('to');
  const period: Period | null =
    preset === 'custom' ? (isDay(customFrom) && isDay(customTo) ? { from: customFrom, to: customTo } : null) : presetPeriod(preset, today);
  const periodProblem = period && period.to < period.from ? 'The last day must be on or after the first day.' : null;
  const practitionerId = canChoose ? params.get('practitioner') : null;

  const practitioners = usePractitioners();
  const options = canChoose ? caseloadOptions(practitioners.data, { id: me.user.id, admin }) : [];
  const wholeLabel = admin ? 'Whole practice' : 'Your clients and your associates’ clients';

  const instants = period && !periodProblem ? periodInstants(period, tz) : null;
  const query = instants ? qs({ from: instants.from, to: instants.to, practitionerId }) : '';
  const outcomes = useQuery({
    queryKey: [...outcomesKey, query],
    queryFn: () => api.get<Outcomes>(`/api/outcomes${query}`),
    enabled: instants !== null,
  });
  // While another period or caseload loads, the last report stays on screen, dimmed, instead of a spinner.
  const [last, setLast] = useState<Outcomes | null>(null);
  useEffect(() => {
    if (outcomes.data) setLast(outcomes.data);
  }, [outcomes.data]);
  const report = outcomes.data ?? (outcomes.isFetching ? last : null);
  const refreshing = !outcomes.data && report !== null;

  const update = (patch: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const choosePreset = (value: string | null) => {
    if (!isPreset(value)) return;
    if (value === 'custom') {
      // Start from the days on screen, so choosing dates changes one end at a time.
      const shown = period ?? presetPeriod(defaultPreset, today);
      update({ period: value, from: shown.from, to: shown.to });
    } else {
      update({ period: value, from: null, to: null });
    }
  };

  const caseloadName =
    practitionerId === null
      ? admin
        ? 'the practice’s clients'
        : supervisor
          ? 'your clients and your associates’ clients'
          : 'your clients'
      : practitionerId === me.user.id
        ? 'your own clients'
        : `${practitioners.data?.find((p) => p.id === practitionerId)?.displayName ?? 'the chosen practitioner'}’s clients`;

  const notVisible = outcomes.error instanceof ApiError && outcomes.error.status === 404 && practitionerId !== null;

  return (
    <>
      <PageHeader
        title="Outcomes"
        description={
          admin
            ? 'How the clients of the whole practice, or of one practitioner, are changing on the measures they complete.'
            : supervisor
              ? 'How your clients, and the clients of the associates you supervise, are changing on the measures they complete.'
              : 'How the clients in your care are changing on the measures they complete.'
        }
      />
      <Stack gap="lg">
        <Alert color="dusk" variant="light" icon={<IconShieldLock size={20} aria-hidden />} title="De-identified: no names, no links to records">
          <Text size="sm">
            This report shows numbers, not people. A client who is not on track appears only as a pseudonym such as “Client 3fa9c2b8”: the same person keeps the
            same pseudonym from one report to the next, so a pattern can be followed, but a pseudonym cannot be looked up to find who it is. Only the scores
            clients gave themselves are counted.
          </Text>
        </Alert>

        <Fieldset legend="Period and caseload" bg="white">
          <Stack gap="sm">
            <Group align="flex-start" gap="md" wrap="wrap">
              <Select
                label="Period"
                data={periodPresets}
                value={preset}
                onChange={choosePreset}
                allowDeselect={false}
                w={220}
              />
              {preset === 'custom' && (
                <>
                  <DatePickerInput
                    label="First day"
                    value={isDay(customFrom) ? customFrom : null}
                    onChange={(v) => update({ from: v })}
                    valueFormat="D MMMM YYYY"
                    maxDate={today}
                    error={periodProblem ?? undefined}
                    w={200}
                  />
                  <DatePickerInput
                    label="Last day"
                    value={isDay(customTo) ? customTo : null}
                    onChange={(v) => update({ to: v })}
                    valueFormat="D MMMM YYYY"
                    minDate={isDay(customFrom) ? customFrom : undefined}
                    maxDate={today}
                    w={200}
                  />
                </>
              )}
              {canChoose && (
                <Select
                  label="Caseload"
                  data={[{ value: WHOLE, label: wholeLabel }, ...options]}
                  value={practitionerId ?? WHOLE}
                  onChange={(v) => update({ practitioner: v && v !== WHOLE ? v : null })}
                  allowDeselect={false}
                  searchable={options.length > 8}
                  nothingFoundMessage="Nobody by that name"
                  w={320}
                  description={practitioners.isError ? 'The list of practitioners could not be loaded; the report covers everyone you can see.' : undefined}
                />
              )}
            </Group>
            <Text size="sm" c="dimmed" aria-live="polite">
              {period && !periodProblem
                ? `Showing ${caseloadName}, from ${dayLabel(period.from)} to ${dayLabel(period.to)} (both days included, in the practice’s time zone, ${tz}).`
                : preset === 'custom' && !periodProblem
                  ? 'Choose the first and the last day of the period.'
                  : null}
            </Text>
          </Stack>
        </Fieldset>

        {instants === null ? null : outcomes.isError ? (
          notVisible ? (
            <Alert role="alert" color="yellow" variant="light" title="That caseload is not yours to see">
              You can see outcomes for your own clients and for the associates you supervise. Choose another caseload above.
            </Alert>
          ) : (
            <LoadError error={outcomes.error} onRetry={() => void outcomes.refetch()} />
          )
        ) : report === null || (refreshing && report.clients === 0) ? (
          <Loading label="Working out the outcomes for this period…" />
        ) : report.clients === 0 ? (
          <Empty>
            None of {caseloadName} completed a measure in this period, so there is nothing to report yet. Try a longer period
            {canChoose ? ' or another caseload' : ''}.
          </Empty>
        ) : (
          <Stack gap="lg" style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }} aria-busy={refreshing}>
            <HeadlineFigures outcomes={report} />
            <MeasuresChange outcomes={report} />
            <NotOnTrackList outcomes={report} />
            <HowWorkedOut outcomes={report} />
          </Stack>
        )}
      </Stack>
    </>
  );
}
