import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarDue, IconChecklist, IconClipboardCheck, IconMessageReply, IconPencil, IconSignature } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { formatDate, formatDateTime } from '../../components/dates';
import { LoadError, Loading } from '../../components/States';
import { instrumentShortName } from '../../components/measures/RiskAlerts';
import type { RiskAlert } from '../../components/measures/types';
import { notesKeys, type Todo } from '../../components/notes/types';

export function useTodo(enabled = true) {
  return useQuery({ queryKey: notesKeys.todo, queryFn: () => api.get<Todo>('/api/todo'), enabled, staleTime: 15_000 });
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** The documentation waiting for the signed-in person, each item linking to where the work is done. */
export function TodoList() {
  const todo = useTodo();
  if (todo.isPending) return <Loading label="Gathering what is waiting for you…" />;
  if (todo.isError) return <LoadError error={todo.error} onRetry={() => void todo.refetch()} />;
  const t = todo.data;
  const returnedIds = new Set(t.returnedNotes.map((r) => r.noteId));
  const unsigned = t.unsignedNotes.filter((n) => !returnedIds.has(n.noteId));
  const plans = t.plansDueReview ?? [];
  const risks = (t as Todo & { riskAlerts?: RiskAlert[] }).riskAlerts ?? [];
  const total = risks.length + t.returnedNotes.length + t.sessionsWithoutNote.length + unsigned.length + t.cosignQueue.length + plans.length;

  if (total === 0) {
    return (
      <Paper withBorder p="lg" radius="md">
        <Group gap="md" wrap="nowrap">
          <ThemeIcon size={40} radius="xl" variant="light" color="teal">
            <IconChecklist size={22} aria-hidden />
          </ThemeIcon>
          <div>
            <Text fw={600}>Nothing is waiting for you.</Text>
            <Text size="sm" c="dimmed">
              Every held session has its note, and nothing needs your signature or review.
            </Text>
          </div>
        </Group>
      </Paper>
    );
  }

  return (
    <Stack gap="md">
      {risks.length > 0 && (
        <Group_ title="Risk answers to acknowledge" icon={<IconAlertTriangle size={18} aria-hidden />} color="red" count={risks.length}>
          {risks.map((a) => (
            <Item
              key={a.id}
              primary={`${a.clientName}: ${instrumentShortName(a.instrumentKey)} total ${a.total}`}
              secondary={`Raised ${formatDateTime(a.raisedAt)}${a.rules[0] ? ` · ${a.rules[0]}` : ''}`}
              to={`/clients/${a.clientId}?tab=measures`}
              action="Open measures"
              actionLabel={`Open the measures of ${a.clientName}`}
            />
          ))}
        </Group_>
      )}
      {t.returnedNotes.length > 0 && (
        <Group_ title="Returned by your supervisor" icon={<IconMessageReply size={18} aria-hidden />} color="clay" count={t.returnedNotes.length}>
          {t.returnedNotes.map((n) => (
            <Item
              key={n.noteId}
              primary={`${n.unitName ?? n.clientName}: the note came back with a comment`}
              secondary={n.comment ? `“${n.comment}”` : undefined}
              to={`/sessions/${n.sessionId}`}
              action="Revise the note"
              actionLabel={`Revise the note for ${n.unitName ?? n.clientName}`}
            />
          ))}
        </Group_>
      )}
      {t.cosignQueue.length > 0 && (
        <Group_ title="Waiting for your co-signature" icon={<IconSignature size={18} aria-hidden />} color="dusk" count={t.cosignQueue.length}>
          {t.cosignQueue.map((n) => (
            <Item
              key={n.noteId}
              primary={`${n.authorName}’s note for ${n.unitName ?? n.clientName}`}
              secondary={`Session ${formatDateTime(n.sessionStartsAt)}${n.signedAt ? ` · signed ${formatDateTime(n.signedAt)}` : ''}`}
              to={`/sessions/${n.sessionId}`}
              action="Read and co-sign"
              actionLabel={`Read and co-sign ${n.authorName}’s note for ${n.unitName ?? n.clientName}`}
            />
          ))}
        </Group_>
      )}
      {t.sessionsWithoutNote.length > 0 && (
        <Group_ title="Sessions waiting for a progress note" icon={<IconPencil size={18} aria-hidden />} color="dusk" count={t.sessionsWithoutNote.length}>
          {t.sessionsWithoutNote.map((s) => (
            <Item
              key={s.sessionId}
              primary={s.unitName ?? s.clientName}
              secondary={`Held ${formatDateTime(s.startsAt)}`}
              to={`/sessions/${s.sessionId}`}
              action="Write the note"
              actionLabel={`Write the note for ${s.unitName ?? s.clientName}, ${formatDateTime(s.startsAt)}`}
            />
          ))}
        </Group_>
      )}
      {unsigned.length > 0 && (
        <Group_
          title="Notes not signed yet"
          description={t.unsignedNoteDays ? `Drafts from sessions more than ${days(t.unsignedNoteDays)} ago.` : undefined}
          icon={<IconClipboardCheck size={18} aria-hidden />}
          color="orange"
          count={unsigned.length}
        >
          {unsigned.map((n) => (
            <Item
              key={n.noteId}
              primary={n.unitName ?? n.clientName}
              secondary={`Session ${formatDateTime(n.sessionStartsAt)} · ${days(n.daysOld)} ago`}
              to={`/sessions/${n.sessionId}`}
              action="Finish and sign"
              actionLabel={`Finish and sign the note for ${n.unitName ?? n.clientName}, ${formatDateTime(n.sessionStartsAt)}`}
            />
          ))}
        </Group_>
      )}
      {plans.length > 0 && (
        <Group_ title="Treatment plans due for review" icon={<IconCalendarDue size={18} aria-hidden />} color="grape" count={plans.length}>
          {plans.map((p) => (
            <Item
              key={p.chapterId}
              primary={p.clientName}
              secondary={`Review due ${formatDate(`${p.reviewDate}T12:00:00`)}`}
              to={`/clients/${p.clientId}`}
              action="Review the plan"
              actionLabel={`Review the plan for ${p.clientName}`}
            />
          ))}
        </Group_>
      )}
    </Stack>
  );
}

const SHOWN = 5;

function Group_(props: { title: string; description?: string; icon: ReactNode; color: string; count: number; children: ReactNode[] }) {
  const id = `todo-${props.title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const [all, setAll] = useState(false);
  const items = all ? props.children : props.children.slice(0, SHOWN);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Group gap="sm" mb="xs">
        <ThemeIcon variant="light" color={props.color} radius="xl">
          {props.icon}
        </ThemeIcon>
        <Title order={3} size="h5" id={id}>
          {props.title}
        </Title>
        <Badge variant="light" color={props.color} aria-label={`${props.count} waiting`}>
          {props.count}
        </Badge>
      </Group>
      {props.description && (
        <Text size="sm" c="dimmed" mb="xs">
          {props.description}
        </Text>
      )}
      <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items}
      </Stack>
      {props.children.length > SHOWN && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll((v) => !v)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${props.children.length}`}
        </Button>
      )}
    </Paper>
  );
}

function Item(props: { primary: string; secondary?: string; to: string; action: string; actionLabel: string }) {
  return (
    <Group component="li" justify="space-between" wrap="wrap" gap="sm" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Text fw={600} size="sm">
          {props.primary}
        </Text>
        {props.secondary && (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {props.secondary}
          </Text>
        )}
      </div>
      <Button component={Link} to={props.to} size="xs" variant="light" aria-label={props.actionLabel}>
        {props.action}
      </Button>
    </Group>
  );
}
