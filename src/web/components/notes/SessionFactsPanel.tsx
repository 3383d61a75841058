import { Badge, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { serviceCodes as knownServiceCodes } from '../../../domain/notes/progress';
import { formatLabels, modalityLabels } from '../../../domain/sessions/rules';
import { formatDateTime } from '../dates';
import { notesKeys, type ServiceCodeOption, type SessionFacts } from './types';

export function useServiceCodes(): ServiceCodeOption[] {
  const q = useQuery({
    queryKey: notesKeys.serviceCodes,
    queryFn: () => api.get<ServiceCodeOption[]>('/api/service-codes'),
    staleTime: Infinity,
  });
  return q.data ?? knownServiceCodes.map((c) => ({ ...c, formats: [...c.formats] }));
}

const label = (map: Record<string, string>, key: string) => map[key] ?? key;

/**
 * The facts of the session a progress note carries: filled in from the session while drafting,
 * frozen at signing. The service code is the one fact the practitioner chooses.
 */
export function SessionFactsPanel(props: {
  facts: SessionFacts;
  serviceCode: string;
  onServiceCode?: (code: string) => void;
  serviceCodeError?: string;
  frozen?: boolean;
}) {
  const codes = useServiceCodes();
  const f = props.facts;
  const suggested = f.serviceCode;
  const options = codes.map((c) => ({
    value: c.code,
    label: `${c.code} · ${c.label}${c.code === suggested && c.code !== props.serviceCode ? ' (suggested)' : ''}`,
  }));
  const chosen = codes.find((c) => c.code === props.serviceCode);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="session-facts-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} id="session-facts-title">
            Session facts
          </Text>
          <Text size="xs" c="dimmed">
            {props.frozen ? 'As recorded when the note was signed' : 'Filled in from the session; kept as they are when you sign'}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Fact name="Date" value={formatDateTime(f.date)} />
          <Fact name="Length" value={`${f.minutes} minutes`} />
          <Fact name="Modality" value={`${label(modalityLabels, f.modality)} · ${label(formatLabels, f.format)}`} />
          <Fact name="Participants" value={f.participants.join(', ')} />
        </SimpleGrid>
        {props.onServiceCode && !props.frozen ? (
          <Select
            id="progress-note-serviceCode"
            label="Service code"
            description={
              suggested
                ? `Suggested from the session’s length and format: ${suggested}. Change it if the session was billed differently.`
                : 'Choose how this session is billed.'
            }
            data={options}
            value={props.serviceCode || null}
            onChange={(v) => props.onServiceCode?.(v ?? '')}
            placeholder="Choose a service code"
            allowDeselect={false}
            error={props.serviceCodeError}
            maw={560}
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <Fact name="Service code" value={props.serviceCode ? `${props.serviceCode}${chosen ? ` · ${chosen.label}` : ''}` : 'None chosen'} />
        )}
        <div>
          <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
            Diagnoses in effect
          </Text>
          {f.diagnoses.length === 0 ? (
            <Text size="sm" c="dimmed">
              None recorded for this date.
            </Text>
          ) : (
            <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {f.diagnoses.map((d) => (
                <Group key={`${d.person ?? ''}:${d.code}`} gap={6} component="li" wrap="nowrap" align="baseline">
                  {/* A unit session lists each attending client's diagnoses, named. */}
                  {d.person && (
                    <Text size="sm" fw={600}>
                      {d.person}:
                    </Text>
                  )}
                  <Text size="sm" fw={600} ff="monospace">
                    {d.code}
                  </Text>
                  <Text size="sm">{d.description}</Text>
                  {d.primary && (
                    <Badge size="xs" variant="light" color="dusk">
                      Primary
                    </Badge>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </div>
        <div>
          <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
            FORCE movements visited
          </Text>
          {f.movements.length === 0 ? (
            <Text size="sm" c="dimmed">
              None were recorded.
            </Text>
          ) : (
            <Text size="sm">{f.movements.map((m, i) => `${i + 1}. ${m.name}`).join('  →  ')}</Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}

function Fact({ name, value }: { name: string; value: string }) {
  return (
    <div>
      <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
        {name}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}
