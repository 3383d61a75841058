import { Alert, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconDownload, IconGitCompare, IconPhoto } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { statusLabels } from '../../../domain/sessions/rules';
import { ApiError, api } from '../../api';
import type { Session } from '../clinical/types';
import { formatDate, formatDateTime } from '../dates';
import { FormError } from '../FormError';
import { useIdempotencyKey } from '../useAutosave';
import { downloadPng } from './exportPng';
import { defaultSession, sameDay, shortDate } from './versions';
import { type MapState, type MapVersionSummary, type SavedVersion, mapUrl } from './types';

/**
 * Saving the map as a dated version (a label and a session if wanted), the versions kept so far,
 * comparing any two (or one with the map as it is now), and exporting a version.
 */
export function MapVersions(props: {
  clientId: string;
  clientName: string;
  versions: MapVersionSummary[];
  canEdit: boolean;
  flush: () => Promise<MapState | null>;
  onSaved: (saved: SavedVersion) => Promise<void>;
  onCompare: (from: string, to: string) => void;
}) {
  const id = useId();
  const { versions } = props;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="md">
        <Title order={3} size="h5" id={`${id}-title`}>
          Versions
        </Title>
        {props.canEdit && <SaveVersion {...props} />}
        {versions.length === 0 ? (
          <Text size="sm" c="dimmed">
            No version saved yet. Save one at the end of a session to keep the map as it was that day; later versions can be compared with it.
          </Text>
        ) : (
          <>
            <VersionTable versions={versions} onCompare={props.onCompare} />
            {/* A new version resets both forms to it. */}
            <CompareForm key={versions[0]?.id} versions={versions} onCompare={props.onCompare} />
            <ExportForm key={`export-${versions[0]?.id}`} clientId={props.clientId} clientName={props.clientName} versions={versions} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function SaveVersion({ clientId, versions, flush, onSaved }: { clientId: string; versions: MapVersionSummary[]; flush: () => Promise<MapState | null>; onSaved: (saved: SavedVersion) => Promise<void> }) {
  const next = (versions[0]?.number ?? 0) + 1;
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const key = useIdempotencyKey();
  const sessions = useQuery({ queryKey: ['sessions', 'client', clientId], queryFn: () => api.get<Session[]>(`/api/clients/${clientId}/sessions`), enabled: open });
  const choices = (sessions.data ?? [])
    .filter((s) => s.status === 'held' || sameDay(s.startsAt))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .slice(0, 30);
  const chosen = sessionId ?? defaultSession(sessions.data ?? []);

  const save = useMutation({
    mutationFn: async () => {
      const saved = await flush();
      if (!saved) throw new ApiError(400, 'invalid', 'The map has not been saved yet: try again in a moment.');
      return api.post<SavedVersion>(
        `${mapUrl(clientId)}/versions`,
        { map: saved.map, version: saved.version, sessionId: chosen || null, label: label.trim() },
        { idempotencyKey: key.key() },
      );
    },
    onSuccess: async (res) => {
      key.done();
      setDone(`Version ${res.version.number} saved${res.version.sessionStartsAt ? `, with the session of ${formatDateTime(res.version.sessionStartsAt)}` : ''}.`);
      setOpen(false);
      setLabel('');
      setSessionId(null);
      await onSaved(res);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status !== 0 && e.status < 500) key.done();
    },
  });
  const fieldProblems = save.error instanceof ApiError ? Object.values(save.error.fields).filter((m) => !save.error?.message.includes(m)) : [];

  if (!open) {
    return (
      <Stack gap={6}>
        <Group>
          <Button
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            onClick={() => {
              setDone(null);
              save.reset();
              setOpen(true);
            }}
          >
            Save version {next}…
          </Button>
        </Group>
        <Text size="sm" c="teal.8" role="status">
          {done ?? ''}
        </Text>
      </Stack>
    );
  }
  return (
    <form
      aria-label={`Save version ${next}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)">
        <Stack gap="sm">
          <Text size="sm">The map is kept as it is now, dated today. It can be compared with any later version, and exported.</Text>
          <TextInput label="Label (optional)" description="A few words: “first session”, “after the move”" maxLength={200} value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
          <NativeSelect
            label="Session (optional)"
            description={sessions.isPending ? 'Loading the sessions…' : 'Tie this version to the session it was drawn in'}
            data={[{ value: '', label: 'Not tied to a session' }, ...choices.map((s) => ({ value: s.id, label: `${formatDateTime(s.startsAt)} · ${statusLabels[s.status]}` }))]}
            value={chosen}
            onChange={(e) => setSessionId(e.currentTarget.value)}
          />
          <FormError error={save.error} />
          {fieldProblems.length > 0 && (
            <List size="sm" c="red.8">
              {fieldProblems.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          )}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
              Save version {next}
            </Button>
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

function VersionTable({ versions, onCompare }: { versions: MapVersionSummary[]; onCompare: (from: string, to: string) => void }) {
  return (
    <Table verticalSpacing={6} horizontalSpacing="xs" fz="sm">
      <Table.Caption>Saved versions, newest first</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>Saved</Table.Th>
          <Table.Th>On the map</Table.Th>
          <Table.Th>Compare</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {versions.map((v) => (
          <Table.Tr key={v.id}>
            <Table.Th scope="row" fw={600}>
              {v.number}
              {v.label && (
                <Text size="xs" fw={400} c="dimmed">
                  {v.label}
                </Text>
              )}
            </Table.Th>
            <Table.Td>
              {formatDate(v.savedAt)}
              <Text size="xs" c="dimmed">
                {[v.savedBy ? `by ${v.savedBy.name}` : null, v.sessionStartsAt ? `session of ${formatDate(v.sessionStartsAt)}` : null].filter(Boolean).join(' · ')}
              </Text>
            </Table.Td>
            <Table.Td>
              {v.nodeCount === 1 ? 'the client alone' : `${v.nodeCount - 1} besides the client`}, {v.tieCount === 1 ? 'one tie' : `${v.tieCount} ties`}
            </Table.Td>
            <Table.Td>
              <Button size="compact-xs" variant="subtle" aria-label={`Compare version ${v.number} with the map as it is now`} onClick={() => onCompare(v.id, 'working')}>
                With now
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CompareForm({ versions, onCompare }: { versions: MapVersionSummary[]; onCompare: (from: string, to: string) => void }) {
  const [from, setFrom] = useState(versions[1]?.id ?? versions[0]?.id ?? '');
  const [to, setTo] = useState(versions[1] ? (versions[0]?.id ?? 'working') : 'working');
  const options = versions.map((v) => ({ value: v.id, label: `Version ${v.number} · ${shortDate(v.savedAt)}` }));
  return (
    <form
      aria-label="Compare two versions"
      onSubmit={(e) => {
        e.preventDefault();
        if (from) onCompare(from, to);
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect label="Compare" data={options} value={from} onChange={(e) => setFrom(e.currentTarget.value)} style={{ flex: '1 1 200px' }} />
        <NativeSelect label="With" data={[...options, { value: 'working', label: 'The map as it is now' }]} value={to} onChange={(e) => setTo(e.currentTarget.value)} style={{ flex: '1 1 200px' }} />
        <Button type="submit" variant="light" leftSection={<IconGitCompare size={16} aria-hidden />} disabled={!from || from === to}>
          Show the changes
        </Button>
      </Group>
    </form>
  );
}

function ExportForm({ clientId, clientName, versions }: { clientId: string; clientName: string; versions: MapVersionSummary[] }) {
  const [chosen, setChosen] = useState(versions[0]?.id ?? '');
  const version = versions.find((v) => v.id === chosen) ?? versions[0];
  const png = useMutation({ mutationFn: (v: MapVersionSummary) => downloadPng(`${mapUrl(clientId)}/versions/${v.id}/export.svg`, `${clientName} relational map v${v.number}`) });
  if (!version) return null;
  const base = `${mapUrl(clientId)}/versions/${version.id}`;
  const n = version.number;
  return (
    <Stack gap="xs" component="section" aria-label="Export a version">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label="Version to export"
          data={versions.map((v) => ({ value: v.id, label: `Version ${v.number} · ${shortDate(v.savedAt)}` }))}
          value={version.id}
          onChange={(e) => setChosen(e.currentTarget.value)}
          style={{ flex: '1 1 200px' }}
        />
      </Group>
      <Group gap="xs" wrap="wrap">
        <Button component="a" href={`${base}/export.svg`} download variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />} aria-label={`Download version ${n} as SVG`}>
          Download SVG
        </Button>
        <Button variant="default" size="xs" leftSection={<IconPhoto size={14} aria-hidden />} loading={png.isPending} onClick={() => png.mutate(version)} aria-label={`Download version ${n} as PNG`}>
          Download PNG
        </Button>
        <Button component="a" href={`${base}/export.json`} download variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />} aria-label={`Download version ${n} as JSON`}>
          Download JSON
        </Button>
        <Button component="a" href={`${base}/fhir`} download={`${clientName} relational map v${n}.fhir.json`} variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />} aria-label={`Download version ${n} as FHIR R4`}>
          Download FHIR
        </Button>
      </Group>
      <FormError error={png.error} />
      {png.isSuccess && (
        <Alert color="teal" variant="light" p="xs">
          The PNG of version {n} is in your downloads.
        </Alert>
      )}
    </Stack>
  );
}
