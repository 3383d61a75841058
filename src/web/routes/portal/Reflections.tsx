import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconFeather } from '@tabler/icons-react';
import { api } from '../../api';
import { FormError } from '../../components/FormError';
import { Empty, Loading, LoadError } from '../../components/States';
import { useAutosave } from '../../components/useAutosave';
import { formatDateTime } from '../../components/dates';
import { AutosaveStatus } from '../../components/notes/AutosaveStatus';
import { ConflictView } from '../../components/notes/ConflictView';
import { recordKeys, type PortalSession, type Reflection } from '../../components/record/types';
import { unitSessionWord } from '../../components/clinical/types';

const shownAtFirst = 3;

/** "What stayed with me": a short reflection after each held session, in the client's own words. */
export function Reflections() {
  const sessions = useQuery({ queryKey: recordKeys.portalSessions, queryFn: () => api.get<PortalSession[]>('/api/portal/sessions') });
  const [all, setAll] = useState(false);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="portal-reflections">
      <Stack gap="md">
        <Stack gap={4}>
          <Group gap="xs">
            <IconFeather size={20} aria-hidden color="var(--mantine-color-dusk-7)" />
            <Title order={2} size="h4" id="portal-reflections">
              After a session: what stayed with me
            </Title>
          </Group>
          <Text size="sm" c="dimmed">
            A few words after a session, whenever you like: a moment, a feeling, something you are taking with you. Your practitioner can
            read them. What you write is saved as you type, and you can come back to change it.
          </Text>
        </Stack>
        {sessions.isPending ? (
          <Loading label="Finding your sessions…" />
        ) : sessions.isError ? (
          <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : sessions.data.length === 0 ? (
          <Empty>After your first session you can write here what stayed with you.</Empty>
        ) : (
          <Stack gap="md">
            {(all ? sessions.data : sessions.data.slice(0, shownAtFirst)).map((s) => (
              <ReflectionEditor key={s.id} session={s} />
            ))}
            {!all && sessions.data.length > shownAtFirst && (
              <Group>
                <Button variant="subtle" onClick={() => setAll(true)}>
                  Show earlier sessions
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ReflectionEditor({ session: s }: { session: PortalSession }) {
  const qc = useQueryClient();
  const autosave = useAutosave<string, Reflection>({
    draftKey: `portal:reflection:${s.id}`,
    record: s.reflection,
    valueOf: (r) => r.body,
    versionOf: (r) => r.version,
    empty: '',
    save: (body, version, options) => api.put<Reflection>(`/api/portal/sessions/${s.id}/reflection`, { body, version }, options),
    onSaved: (r) => qc.setQueryData<PortalSession[]>(recordKeys.portalSessions, (old) => old?.map((x) => (x.id === s.id ? { ...x, reflection: r } : x))),
  });
  const when = formatDateTime(s.startsAt);

  if (autosave.conflict) {
    return (
      <ConflictView
        title={`Your reflection on ${when} was changed on another device`}
        rows={[{ key: 'body', label: 'What stayed with me', mine: autosave.conflict.mine, theirs: autosave.conflict.theirs.body }]}
        savedAt={autosave.conflict.theirs.updatedAt}
        onKeepMine={autosave.keepMine}
        onTakeTheirs={autosave.takeTheirs}
        onCombine={(theirsFor) => autosave.resolveWith(theirsFor.has('body') ? autosave.conflict?.theirs.body ?? '' : autosave.conflict?.mine ?? '')}
      />
    );
  }

  return (
    <Stack gap={6}>
      <Textarea
        label={`What stayed with me after the session on ${when}`}
        description={
          s.unitName
            ? `${unitSessionWord(s.unitKind)} · ${s.unitName} · ${s.minutes} minutes with ${s.practitionerName}. Your reflection is yours: the others who were there do not read it.`
            : `${s.minutes} minutes with ${s.practitionerName}`
        }
        autosize
        minRows={2}
        maxRows={12}
        value={autosave.value}
        onChange={(e) => autosave.setValue(e.currentTarget.value)}
      />
      <FormError error={autosave.error} />
      <Group justify="space-between" wrap="wrap">
        {autosave.status === 'idle' ? <span /> : <AutosaveStatus status={autosave.status} text={autosave.statusText} label={`Reflection on ${when}`} />}
        <Button
          size="compact-sm"
          variant="light"
          disabled={!autosave.dirty}
          loading={autosave.status === 'saving'}
          onClick={() => void autosave.flush().catch(() => undefined)}
          aria-label={`Save my reflection on ${when}`}
        >
          Save now
        </Button>
      </Group>
    </Stack>
  );
}
