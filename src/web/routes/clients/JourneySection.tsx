import { useState } from 'react';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
  Timeline,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { IconArrowBackUp, IconArrowRight, IconDoor, IconDoorExit, IconFlag, IconPlant2, IconTopologyStar3 } from '@tabler/icons-react';
import { api } from '../../api';
import { Loading } from '../../components/States';
import { FormError, fieldError } from '../../components/FormError';
import { useDraft } from '../../components/useDraft';
import { phaseLabels, phases, type Phase } from '../../../domain/journey/phases';
import { formatLabels, modalityLabels } from '../../../domain/sessions/rules';
import { PhaseBadge, StatusBadge, StatusIcon, phaseColors } from '../../components/clinical/badges';
import { formatDate, formatDateTime, formatLongDate } from '../../components/clinical/format';
import { usePractice } from '../../components/clinical/queries';
import type { Chapter, Client, Journey, NamedPrompt, Session } from '../../components/clinical/types';
import { type MapVersionSummary, mapKeys, mapUrl } from '../../components/maps/types';

type Item =
  | { kind: 'opened'; at: string; chapter: Chapter }
  | { kind: 'move'; at: string; move: Chapter['moves'][number] }
  | { kind: 'session'; at: string; session: Session }
  | { kind: 'ended'; at: string; chapter: Chapter }
  | { kind: 'map'; at: string; version: MapVersionSummary; clientId: string };

/** The chapter a saved map version belongs to: the one open at that moment, else the latest before it. */
function chapterOfVersion(chapters: Chapter[], at: string): Chapter | undefined {
  const during = chapters.find((c) => c.openedAt <= at && (!c.endedAt || at <= c.endedAt));
  return during ?? [...chapters].reverse().find((c) => c.openedAt <= at) ?? chapters[0];
}

function itemsOf(chapter: Chapter, sessions: Session[], mapVersions: Array<Extract<Item, { kind: 'map' }>> = []): Item[] {
  const items: Item[] = [{ kind: 'opened', at: chapter.openedAt, chapter }];
  for (const move of chapter.moves) {
    // The opening itself may be recorded as a move with no "from": the opening item already says it.
    if (!move.fromPhase) continue;
    items.push({ kind: 'move', at: move.movedAt, move });
  }
  for (const session of sessions) items.push({ kind: 'session', at: session.startsAt, session });
  items.push(...mapVersions);
  // The opening always begins the chapter's story, even if a session was recorded with an earlier time.
  items.sort((a, b) => (a.kind === 'opened' ? -1 : b.kind === 'opened' ? 1 : a.at.localeCompare(b.at)));
  if (chapter.endedAt) items.push({ kind: 'ended', at: chapter.endedAt, chapter });
  return items;
}

function movementNames(keys: string[], movements: NamedPrompt[] | undefined): string {
  return keys.map((k) => movements?.find((m) => m.key === k)?.name ?? k).join(' → ');
}

/** The journey: chapters of care, oldest first, with phase moves and sessions placed by date. */
export function JourneySection({ client }: { client: Client }) {
  const journey = useQuery({
    queryKey: ['journey', client.id],
    queryFn: () => api.get<Journey>(`/api/clients/${client.id}/journey`),
  });
  const practice = usePractice();
  // Saved versions of the relational map appear on the timeline; without them the journey still shows.
  const mapVersions = useQuery({
    queryKey: [...mapKeys.map(client.id), 'versions'],
    queryFn: () => api.get<{ versions: MapVersionSummary[] }>(`${mapUrl(client.id)}/versions`),
    retry: false,
  });
  // Supervisors read a supervisee's client's journey; changing it belongs to those in their care and admins.
  const canAct = client.access === 'care' || client.access === 'admin';

  if (journey.isLoading) {
    return (
      <Loading label="Loading the journey…" />
    );
  }
  if (journey.error || !journey.data) return <FormError error={journey.error} />;

  const { chapters, sessions } = journey.data;
  const open = chapters.find((c) => !c.endedAt) ?? null;
  const byNumber = new Map(chapters.map((c) => [c.id, c]));

  return (
    <Stack gap="lg">
      {chapters.length === 0 && (
        <Text c="dimmed">No chapter of care yet.</Text>
      )}
      {chapters.map((chapter) => {
        const chapterSessions = sessions.filter((s) => s.chapterId === chapter.id);
        const versionsHere = (mapVersions.data?.versions ?? [])
          .filter((v) => chapterOfVersion(chapters, v.savedAt)?.id === chapter.id)
          .map((version) => ({ kind: 'map' as const, at: version.savedAt, version, clientId: client.id }));
        const items = itemsOf(chapter, chapterSessions, versionsHere);
        const now = new Date().toISOString();
        const active = items.reduce((acc, it, i) => (it.at <= now || it.kind === 'opened' ? i : acc), 0);
        const previous = chapter.previousChapterId ? byNumber.get(chapter.previousChapterId) : undefined;
        return (
          <Paper key={chapter.id} withBorder radius="md" p="lg" id={`chapter-${chapter.number}`} component="section" aria-labelledby={`chapter-${chapter.id}-title`}>
            <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
              <div>
                <Group gap="sm">
                  <Title order={3} id={`chapter-${chapter.id}-title`}>
                    Chapter {chapter.number}
                  </Title>
                  {chapter.endedAt ? <Badge color="gray" variant="light">Ended</Badge> : <PhaseBadge phase={chapter.phase} />}
                </Group>
                <Text size="sm" c="dimmed">
                  {formatDate(chapter.openedAt)} – {chapter.endedAt ? formatDate(chapter.endedAt) : 'now'}
                </Text>
                {previous && (
                  <Anchor href={`#chapter-${previous.number}`} size="sm">
                    Continues chapter {previous.number}
                  </Anchor>
                )}
              </div>
            </Group>

            <Timeline active={active} bulletSize={28} lineWidth={2} color={chapter.endedAt ? 'gray' : phaseColors[chapter.phase]}>
              {items.map((item) => (
                <Timeline.Item key={`${item.kind}-${item.kind === 'move' ? item.move.id : item.kind === 'session' ? item.session.id : item.kind === 'map' ? item.version.id : item.at}`} {...renderItem(item, practice.data?.forceMovements)} />
              ))}
            </Timeline>

            {!chapter.endedAt && canAct && <OpenChapterActions client={client} chapter={chapter} />}
          </Paper>
        );
      })}

      {!open && canAct && <ReturnForm client={client} last={chapters[chapters.length - 1]} />}
    </Stack>
  );
}

function renderItem(item: Item, movements: NamedPrompt[] | undefined): { bullet: React.ReactNode; title: React.ReactNode; children: React.ReactNode } {
  switch (item.kind) {
    case 'opened': {
      const firstPhase = (item.chapter.moves.find((m) => !m.fromPhase)?.toPhase ?? 'reaching_out') as Phase;
      return {
        bullet: <IconPlant2 size={16} aria-hidden />,
        title: <Text fw={600}>Chapter {item.chapter.number} opened in {phaseLabels[firstPhase]}</Text>,
        children: (
          <>
            <Text size="sm" c="dimmed">
              {formatLongDate(item.at)}
            </Text>
            {item.chapter.openingNote && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {item.chapter.openingNote}
              </Text>
            )}
          </>
        ),
      };
    }
    case 'move': {
      const m = item.move;
      const back = m.fromPhase !== null && phases.indexOf(m.toPhase) < phases.indexOf(m.fromPhase);
      return {
        bullet: back ? <IconArrowBackUp size={16} aria-hidden /> : <IconArrowRight size={16} aria-hidden />,
        title: (
          <Group gap={6}>
            <Text fw={600}>Moved</Text>
            {m.fromPhase && <PhaseBadge phase={m.fromPhase} size="sm" />}
            <Text aria-hidden>→</Text>
            <VisuallyHidden>to</VisuallyHidden>
            <PhaseBadge phase={m.toPhase} size="sm" />
          </Group>
        ),
        children: (
          <>
            <Text size="sm" c="dimmed">
              {formatDateTime(m.movedAt)}
              {m.movedByName ? ` · ${m.movedByName}` : ''}
            </Text>
            {m.note && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {m.note}
              </Text>
            )}
          </>
        ),
      };
    }
    case 'session': {
      const s = item.session;
      return {
        bullet: <StatusIcon status={s.status} size={16} />,
        title: (
          <Group gap="xs">
            <Anchor component={Link} to={`/sessions/${s.id}`} fw={600}>
              Session, {formatDateTime(s.startsAt)}
            </Anchor>
            <StatusBadge status={s.status} />
          </Group>
        ),
        children: (
          <>
            <Text size="sm" c="dimmed">
              {s.minutes} min · {formatLabels[s.format]} · {modalityLabels[s.modality]} · {s.practitionerName}
            </Text>
            {s.status === 'held' && s.movements.length > 0 && (
              <Text size="sm" mt={4}>
                <Text span fw={500}>FORCE movements visited: </Text>
                {movementNames(s.movements, movements)}
              </Text>
            )}
            {s.statusNote && (s.status === 'cancelled' || s.status === 'no_show') && (
              <Text size="sm" mt={4} c="dimmed">
                {s.statusNote}
              </Text>
            )}
          </>
        ),
      };
    }
    case 'map': {
      const v = item.version;
      return {
        bullet: <IconTopologyStar3 size={16} aria-hidden />,
        title: (
          <Anchor component={Link} to={`/clients/${item.clientId}?tab=map`} fw={600}>
            Relational map version {v.number} saved
          </Anchor>
        ),
        children: (
          <Text size="sm" c="dimmed">
            {formatDateTime(v.savedAt)}
            {v.savedBy ? ` · ${v.savedBy.name}` : ''}
            {v.label ? ` · ${v.label}` : ''}
            {` · ${v.nodeCount - 1} besides the client, ${v.tieCount === 1 ? 'one tie' : `${v.tieCount} ties`}`}
          </Text>
        ),
      };
    }
    case 'ended': {
      const c = item.chapter;
      return {
        bullet: <IconDoorExit size={16} aria-hidden />,
        title: <Text fw={600}>Chapter {c.number} ended: the transition summary</Text>,
        children: (
          <Stack gap={6} mt={4}>
            <Text size="sm" c="dimmed">
              {formatLongDate(c.endedAt)}
            </Text>
            <SummaryPart label="What was lived" text={c.whatWasLived} />
            <SummaryPart label="What remains open" text={c.whatRemainsOpen} />
            <SummaryPart label="The door left open" text={c.doorLeftOpen} />
          </Stack>
        ),
      };
    }
  }
}

function SummaryPart({ label, text }: { label: string; text: string | null }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text || '—'}
      </Text>
    </div>
  );
}

function useJourneyInvalidation(clientId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['journey', clientId] }),
      queryClient.invalidateQueries({ queryKey: ['client', clientId] }),
      queryClient.invalidateQueries({ queryKey: ['clients'] }),
    ]);
}

function OpenChapterActions({ client, chapter }: { client: Client; chapter: Chapter }) {
  const refresh = useJourneyInvalidation(client.id);
  const [move, setMove, clearMove] = useDraft<{ to: string; note: string }>(`chapter:${chapter.id}:move`, { to: '', note: '' });
  const [summary, setSummary, clearSummary] = useDraft(`chapter:${chapter.id}:end`, { whatWasLived: '', whatRemainsOpen: '', doorLeftOpen: '' });
  const [ending, setEnding] = useState(false);
  const [moveOpen, setMoveOpen] = useState(Boolean(move.to || move.note));

  const moveMutation = useMutation({
    mutationFn: () => api.post<Chapter>(`/api/clients/${client.id}/chapters/${chapter.id}/moves`, { to: move.to, note: move.note.trim() || undefined }),
    onSuccess: async () => {
      clearMove();
      setMoveOpen(false);
      await refresh();
    },
  });
  const endMutation = useMutation({
    mutationFn: () => api.post<Chapter>(`/api/clients/${client.id}/chapters/${chapter.id}/end`, summary),
    onSuccess: async () => {
      clearSummary();
      setEnding(false);
      await refresh();
    },
  });

  const otherPhases = phases.filter((p) => p !== chapter.phase);
  return (
    <Stack gap="sm" mt="lg">
      {!moveOpen ? (
        <Group gap="sm">
          <Button variant="light" leftSection={<IconArrowRight size={16} aria-hidden />} onClick={() => setMoveOpen(true)}>
            Move to phase…
          </Button>
          <Button variant="default" leftSection={<IconDoor size={16} aria-hidden />} onClick={() => setEnding(true)}>
            End this chapter
          </Button>
        </Group>
      ) : (
        <Paper withBorder p="md" radius="md" bg="var(--mantine-color-gray-0)">
          <form
            aria-label="Move to another phase"
            onSubmit={(e) => {
              e.preventDefault();
              if (move.to) moveMutation.mutate();
            }}
          >
            <Stack gap="sm">
              <Text size="sm">
                Now in <b>{phaseLabels[chapter.phase]}</b>. Care is cyclical: move forward or back, to any phase.
              </Text>
              <NativeSelect
                label="Move to phase"
                data={[{ value: '', label: 'Choose a phase' }, ...otherPhases.map((p) => ({ value: p, label: phaseLabels[p] }))]}
                value={move.to}
                onChange={(e) => {
                const value = e.currentTarget.value;
                setMove((m) => ({ ...m, to: value }));
              }}
                error={fieldError(moveMutation.error, 'to')}
                maw={320}
              />
              <Textarea
                label="Note (optional)"
                description="What prompted this move"
                autosize
                minRows={2}
                value={move.note}
                onChange={(e) => {
                const value = e.currentTarget.value;
                setMove((m) => ({ ...m, note: value }));
              }}
                error={fieldError(moveMutation.error, 'note')}
              />
              <FieldAwareError error={moveMutation.error} fields={['to', 'note']} />
              <Group gap="sm">
                <Button type="submit" disabled={!move.to} loading={moveMutation.isPending}>
                  {move.to ? `Move to ${phaseLabels[move.to as Phase]}` : 'Move'}
                </Button>
                <Button
                  variant="subtle"
                  color="gray"
                  onClick={() => {
                    clearMove();
                    setMoveOpen(false);
                    moveMutation.reset();
                  }}
                >
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}

      <Modal opened={ending} onClose={() => setEnding(false)} title={`End chapter ${chapter.number}`} size="lg">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            endMutation.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              An ending is also the next beginning. The transition summary stays with the journey and greets whoever opens the next chapter.
            </Text>
            <Textarea
              label="What was lived"
              description="What this chapter held: the work, the relationship, what changed"
              autosize
              minRows={3}
              required
              value={summary.whatWasLived}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setSummary((s) => ({ ...s, whatWasLived: value }));
              }}
              error={fieldError(endMutation.error, 'whatWasLived')}
            />
            <Textarea
              label="What remains open"
              description="Even if it is “nothing for now”"
              autosize
              minRows={3}
              required
              value={summary.whatRemainsOpen}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setSummary((s) => ({ ...s, whatRemainsOpen: value }));
              }}
              error={fieldError(endMutation.error, 'whatRemainsOpen')}
            />
            <Textarea
              label="The door left open"
              description="How they can come back, or who they are moving on to"
              autosize
              minRows={2}
              required
              value={summary.doorLeftOpen}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setSummary((s) => ({ ...s, doorLeftOpen: value }));
              }}
              error={fieldError(endMutation.error, 'doorLeftOpen')}
            />
            <FieldAwareError error={endMutation.error} fields={['whatWasLived', 'whatRemainsOpen', 'doorLeftOpen']} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setEnding(false)}>
                Keep the chapter open
              </Button>
              <Button type="submit" color="orange" loading={endMutation.isPending} leftSection={<IconDoorExit size={16} aria-hidden />}>
                End chapter with this summary
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

function ReturnForm({ client, last }: { client: Client; last: Chapter | undefined }) {
  const refresh = useJourneyInvalidation(client.id);
  const [note, setNote, clearNote] = useDraft(`client:${client.id}:return`, '');
  const open = useMutation({
    mutationFn: () => api.post<Chapter>(`/api/clients/${client.id}/chapters`, note.trim() ? { openingNote: note.trim() } : {}),
    onSuccess: async () => {
      clearNote();
      await refresh();
    },
  });
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label="A return">
      <Stack gap="sm">
        <Group gap="sm">
          <ThemeIcon variant="light" radius="xl" color="dusk">
            <IconFlag size={16} aria-hidden />
          </ThemeIcon>
          <Title order={3} size="h4">
            No chapter is open
          </Title>
        </Group>
        {last?.doorLeftOpen && (
          <Alert variant="light" color="dusk" title={`The door left open at the end of chapter ${last.number}`}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {last.doorLeftOpen}
            </Text>
          </Alert>
        )}
        <Textarea
          label="Opening note (optional)"
          description="What brings them back now"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError(open.error, 'openingNote')}
        />
        <FormError error={open.error} />
        <Group>
          <Button onClick={() => open.mutate()} loading={open.isPending} leftSection={<IconPlant2 size={16} aria-hidden />}>
            Open a new chapter (a return)
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
