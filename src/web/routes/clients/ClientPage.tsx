import { lazy, Suspense, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Popover,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { IconCalendarEvent, IconChartLine, IconClipboardText, IconNotes, IconPlus, IconRoute, IconSparkles, IconStethoscope, IconTopologyStar3, IconUser, IconX } from '@tabler/icons-react';
import { api } from '../../api';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { FormError } from '../../components/FormError';
import { PhaseBadge } from '../../components/clinical/badges';
import { practitionerOptions, usePractitioners } from '../../components/clinical/queries';
import type { Client } from '../../components/clinical/types';
import { ClientSessionsSection } from './ClientSessionsSection';
import { DiagnosesSection } from './DiagnosesSection';
import { EmergenceSection } from './EmergenceSection';
import { PlanSection } from './PlanSection';
import { ProgressNotesSection } from './ProgressNotesSection';
import { JourneySection } from './JourneySection';
import { ProfileSection } from './ProfileSection';
import { ClientMeasuresSection } from '../measures/ClientMeasuresSection';

// The relational map (its canvas library and graph code) loads when its tab is first opened.
const MapSection = lazy(() => import('./MapSection').then((m) => ({ default: m.MapSection })));

const tabs = ['journey', 'profile', 'sessions', 'notes', 'diagnosis', 'plan', 'emergence', 'map', 'measures'] as const;
type Tab = (typeof tabs)[number];

/** One client: the relationship at the centre, their journey, their words, their sessions. */
export function ClientPage() {
  const { clientId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = (tabs as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'journey';

  const client = useQuery({
    queryKey: ['client', clientId],
    queryFn: () => api.get<Client>(`/api/clients/${clientId}`),
    enabled: Boolean(clientId),
  });
  useDocumentTitle(client.data?.name ?? 'Client');

  if (client.isLoading) {
    return (
      <Loading label="Loading the client…" />
    );
  }
  if (client.error || !client.data) {
    return (
      <Stack>
        <Anchor component={Link} to="/clients">
          Back to clients
        </Anchor>
        <FormError error={client.error ?? new Error('This client could not be found.')} />
      </Stack>
    );
  }
  const c = client.data;

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/clients">
          Clients
        </Anchor>
        <Text>{c.name}</Text>
      </Breadcrumbs>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Group gap="sm" align="baseline" wrap="wrap">
            <Title order={1} size="h2">{c.name}</Title>
            {c.pronouns && (
              <Text c="dimmed" size="lg">
                {c.pronouns}
              </Text>
            )}
            <PhaseBadge phase={c.currentPhase} size="lg" />
            {c.access === 'supervision' && (
              <Badge variant="outline" color="gray">
                Seen in supervision
              </Badge>
            )}
          </Group>
          <PractitionersLine client={c} />
        </Stack>
      </Paper>

      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'journey' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="journey" leftSection={<IconRoute size={16} aria-hidden />}>
            Journey
          </Tabs.Tab>
          <Tabs.Tab value="profile" leftSection={<IconUser size={16} aria-hidden />}>
            Profile
          </Tabs.Tab>
          <Tabs.Tab value="sessions" leftSection={<IconCalendarEvent size={16} aria-hidden />}>
            Sessions
          </Tabs.Tab>
          <Tabs.Tab value="notes" leftSection={<IconNotes size={16} aria-hidden />}>
            Progress notes
          </Tabs.Tab>
          <Tabs.Tab value="diagnosis" leftSection={<IconStethoscope size={16} aria-hidden />}>
            Diagnosis
          </Tabs.Tab>
          <Tabs.Tab value="plan" leftSection={<IconClipboardText size={16} aria-hidden />}>
            Treatment plan
          </Tabs.Tab>
          <Tabs.Tab value="emergence" leftSection={<IconSparkles size={16} aria-hidden />}>
            Emergence
          </Tabs.Tab>
          <Tabs.Tab value="map" leftSection={<IconTopologyStar3 size={16} aria-hidden />}>
            Relational map
          </Tabs.Tab>
          <Tabs.Tab value="measures" leftSection={<IconChartLine size={16} aria-hidden />}>
            Measures
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="journey">
          <JourneySection client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="profile">
          <ProfileSection client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <ClientSessionsSection client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="notes">
          <ProgressNotesSection client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="diagnosis">
          <DiagnosesSection client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="plan">
          <PlanSection client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="emergence">
          <EmergenceSection client={c} />
        </Tabs.Panel>
        <Tabs.Panel value="map">
          <Suspense fallback={<Loading label="Opening the relational map…" />}>
            <MapSection client={c} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="measures">
          <ClientMeasuresSection client={c} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The practitioners in relationship with the client; those in their care, and admins, may add others. */
function PractitionersLine({ client }: { client: Client }) {
  const queryClient = useQueryClient();
  // The server lets those in care of the client, and admins, change the care team; supervisors only read.
  const canManage = client.access === 'admin' || client.access === 'care';
  const [adding, setAdding] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const practitioners = usePractitioners();

  const onDone = (updated: Client) => {
    queryClient.setQueryData(['client', client.id], updated);
    void queryClient.invalidateQueries({ queryKey: ['clients'] });
  };
  const add = useMutation({
    mutationFn: (practitionerId: string) =>
      api.post<Client>(`/api/clients/${client.id}/practitioners`, { practitionerId, kind: 'additional' }),
    onSuccess: (updated) => {
      onDone(updated);
      setAdding(false);
      setChosen(null);
    },
  });
  const remove = useMutation({
    mutationFn: (practitionerId: string) => api.delete<Client>(`/api/clients/${client.id}/practitioners/${practitionerId}`),
    onSuccess: onDone,
  });
  const available = practitionerOptions(practitioners.data).filter((o) => !client.practitioners.some((p) => p.id === o.value));

  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" c="dimmed">
          In relationship with
        </Text>
        {client.practitioners.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            no practitioner yet
          </Text>
        )}
        {client.practitioners.map((p) => (
          <Badge
            key={p.id}
            variant={p.kind === 'primary' ? 'filled' : 'light'}
            color="dusk"
            size="lg"
            radius="sm"
            tt="none"
            rightSection={
              canManage && p.kind === 'additional' ? (
                <Tooltip label={`Remove ${p.displayName}`}>
                  <ActionIcon
                    size="xs"
                    variant="transparent"
                    color="dusk"
                    aria-label={`Remove ${p.displayName} from this client`}
                    onClick={() => remove.mutate(p.id)}
                    loading={remove.isPending && remove.variables === p.id}
                  >
                    <IconX size={12} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              ) : undefined
            }
          >
            {p.displayName}
            {p.kind === 'primary' ? ' · primary' : ''}
          </Badge>
        ))}
        {canManage && (
          <Popover opened={adding} onChange={setAdding} position="bottom-start" withArrow trapFocus shadow="md">
            <Popover.Target>
              <Button size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding((o) => !o)}>
                Add a practitioner
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <Stack gap="xs" w={280}>
                <Select
                  label="Practitioner to add"
                  data={available}
                  value={chosen}
                  onChange={setChosen}
                  searchable
                  nothingFoundMessage="Everyone is already here"
                  comboboxProps={{ withinPortal: false }}
                />
                <FormError error={add.error} />
                <Button size="xs" disabled={!chosen} loading={add.isPending} onClick={() => chosen && add.mutate(chosen)}>
                  Add to the care of {client.name}
                </Button>
              </Stack>
            </Popover.Dropdown>
          </Popover>
        )}
      </Group>
      <FormError error={remove.error} />
    </Stack>
  );
}
