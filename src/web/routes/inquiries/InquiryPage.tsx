import { useState } from 'react';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { IconDoorEnter, IconMailForward, IconMessageCircle, IconPlant2, IconX } from '@tabler/icons-react';
import { api } from '../../api';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { FormError, fieldError } from '../../components/FormError';
import { useDraft } from '../../components/useDraft';
import { useMe } from '../../session/SessionContext';
import { formatDateTime } from '../../components/clinical/format';
import { practitionerOptions, usePractitioners } from '../../components/clinical/queries';
import type { InquiryDetail } from '../../components/clinical/types';
import { InquiryStatusBadge } from './InquiriesPage';

/** One person reaching out: their words, the replies, and what the practice does next. */
export function InquiryPage() {
  const { inquiryId = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const inquiry = useQuery({
    queryKey: ['inquiry', inquiryId],
    queryFn: () => api.get<InquiryDetail>(`/api/inquiries/${inquiryId}`),
    enabled: Boolean(inquiryId),
  });
  useDocumentTitle(inquiry.data ? `Inquiry from ${inquiry.data.name}` : 'Inquiry');
  const practitioners = usePractitioners();
  const [reply, setReply, clearReply] = useDraft(`inquiry:${inquiryId}:reply`, '');
  const [declineReason, setDeclineReason, clearDecline] = useDraft(`inquiry:${inquiryId}:decline`, '');
  const [chosenPractitioner, setChosenPractitioner] = useState<string | null>(null);
  const [accepting, setAccepting] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [replied, setReplied] = useState(false);
  const [handedTo, setHandedTo] = useState<string | null>(null);

  const refresh = async (updated?: InquiryDetail) => {
    if (updated) queryClient.setQueryData(['inquiry', inquiryId], updated);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['inquiries'] }),
      queryClient.invalidateQueries({ queryKey: ['inquiry', inquiryId] }),
    ]);
  };
  const sendReply = useMutation({
    mutationFn: () => api.post<InquiryDetail>(`/api/inquiries/${inquiryId}/replies`, { body: reply.trim() }),
    onSuccess: async (u) => {
      clearReply();
      setReplied(true);
      await refresh(u);
    },
  });
  const accept = useMutation({
    mutationFn: (primaryPractitionerId: string | null) =>
      api.post<{ clientId: string }>(`/api/inquiries/${inquiryId}/accept`, primaryPractitionerId ? { primaryPractitionerId } : {}),
    onSuccess: async ({ clientId }, primaryPractitionerId) => {
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['clients'] })]);
      setAccepting(false);
      // Only those in the client's care (and admins) can open their page; otherwise say who holds them now.
      if (!primaryPractitionerId || primaryPractitionerId === me.user.id || me.user.roles.includes('practice_admin')) {
        navigate(`/clients/${clientId}`);
      } else {
        setHandedTo(practitioners.data?.find((p) => p.id === primaryPractitionerId)?.displayName ?? 'the practitioner you chose');
      }
    },
  });
  const decline = useMutation({
    mutationFn: () => api.post<InquiryDetail>(`/api/inquiries/${inquiryId}/decline`, { reason: declineReason.trim() }),
    onSuccess: async (u) => {
      clearDecline();
      setDeclining(false);
      await refresh(u);
    },
  });

  if (inquiry.isLoading) {
    return (
      <Loading label="Loading the inquiry…" />
    );
  }
  if (inquiry.error || !inquiry.data) {
    return (
      <Stack>
        <Anchor component={Link} to="/inquiries">
          Back to inquiries
        </Anchor>
        <FormError error={inquiry.error ?? new Error('This inquiry could not be found.')} />
      </Stack>
    );
  }
  const inq = inquiry.data;
  const options = practitionerOptions(practitioners.data);
  const defaultPractitioner =
    (inq.preferredPractitionerId && options.some((o) => o.value === inq.preferredPractitionerId) ? inq.preferredPractitionerId : null) ??
    (options.some((o) => o.value === me.user.id) ? me.user.id : null);
  const primary = chosenPractitioner ?? defaultPractitioner;
  const openForAction = inq.status === 'new' || inq.status === 'replied';
  const sorted = [...inq.replies].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // The server keeps the reason for declining as a note in the thread ("Declined: …"); it is never sent, so show it apart.
  const declineNote = inq.status === 'declined' ? [...sorted].reverse().find((r) => r.body.startsWith('Declined: ')) : undefined;
  const replies = sorted.filter((r) => r !== declineNote);

  return (
    <Stack gap="lg" maw={900}>
      <Breadcrumbs>
        <Anchor component={Link} to="/inquiries">
          Inquiries
        </Anchor>
        <Text>{inq.name}</Text>
      </Breadcrumbs>

      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Group gap="sm">
              <Title order={1} size="h2">
                {inq.name}
              </Title>
              <InquiryStatusBadge status={inq.status} />
            </Group>
            <Text c="dimmed" size="sm">
              Reached out {formatDateTime(inq.createdAt)}
            </Text>
          </div>
        </Group>
        <Stack gap="sm" mt="md">
          <div>
            <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
              How to reach them
            </Text>
            <Text>{inq.contact}</Text>
          </div>
          {inq.preferredPractitionerName && (
            <div>
              <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
                Hoping to see
              </Text>
              <Text>{inq.preferredPractitionerName}</Text>
            </div>
          )}
          <div>
            <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
              What brings them
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{inq.whatBrings}</Text>
          </div>
        </Stack>
      </Paper>

      {inq.status === 'accepted' && inq.clientId && (
        <Alert color="dusk" variant="light" icon={<IconPlant2 size={18} aria-hidden />} role={handedTo ? 'status' : undefined}>
          {handedTo ? (
            <>Accepted: {inq.name}’s first chapter is open, in relationship with {handedTo}.</>
          ) : (
            <>
              Accepted: a chapter is open.{' '}
              <Anchor component={Link} to={`/clients/${inq.clientId}`}>
                Go to {inq.name}’s page
              </Anchor>
            </>
          )}
        </Alert>
      )}
      {inq.status === 'declined' && (
        <Alert color="gray" variant="light">
          <Text fw={600} size="sm">
            Declined{declineNote?.authorName ? ` by ${declineNote.authorName}` : ''}
            {declineNote ? `, ${formatDateTime(declineNote.createdAt)}` : ''}
          </Text>
          {declineNote && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              Reason (kept for the practice, not sent): {declineNote.body.slice('Declined: '.length)}
            </Text>
          )}
        </Alert>
      )}

      <section aria-labelledby="replies-title">
        <Title order={2} size="h3" id="replies-title" mb="sm">
          Replies
        </Title>
        {replies.length === 0 ? (
          <Text c="dimmed">{openForAction ? 'No reply yet. They are waiting to hear from the practice.' : 'No reply was sent.'}</Text>
        ) : (
          <Timeline bulletSize={26} lineWidth={2} active={replies.length - 1} color="blue">
            {replies.map((r) => (
              <Timeline.Item key={r.id} bullet={<IconMessageCircle size={14} aria-hidden />} title={<Text fw={600}>{r.authorName ?? 'Someone at the practice'}</Text>}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.createdAt)}
                </Text>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {r.body}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </section>

      {inq.status !== 'declined' && (
        <Paper withBorder radius="md" p="md">
          <form
            aria-label="Reply"
            onSubmit={(e) => {
              e.preventDefault();
              if (reply.trim()) sendReply.mutate();
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={`Reply to ${inq.name}`}
                description={`Sent to ${inq.contact}. There is no mail server yet, so the reply is placed in the practice’s outbox to be sent from there.`}
                autosize
                minRows={4}
                value={reply}
                onChange={(e) => {
                  setReply(e.currentTarget.value);
                  setReplied(false);
                }}
                error={fieldError(sendReply.error, 'body')}
              />
              {replied && (
                <Text role="status" c="dusk.8" size="sm">
                  Your reply is in the outbox, waiting to be sent.
                </Text>
              )}
              <FieldAwareError error={sendReply.error} fields={['body']} />
              <Group>
                <Button type="submit" disabled={!reply.trim()} loading={sendReply.isPending} leftSection={<IconMailForward size={16} aria-hidden />}>
                  Reply
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}

      {openForAction && (
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              What the practice does next
            </Title>
            <Group gap="sm">
              <Button color="dusk" leftSection={<IconDoorEnter size={16} aria-hidden />} onClick={() => setAccepting(true)}>
                Accept and open a chapter
              </Button>
              <Button variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={() => setDeclining(true)}>
                Decline
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      <Modal opened={accepting} onClose={() => setAccepting(false)} title="Accept and open a chapter">
        <Stack gap="sm">
          <Text size="sm">
            {inq.name} becomes a client, and chapter 1 of their journey opens in Reaching out.
          </Text>
          <Select
            label="Primary practitioner"
            description={inq.preferredPractitionerName ? `They hoped to see ${inq.preferredPractitionerName}.` : undefined}
            data={options}
            value={primary}
            onChange={setChosenPractitioner}
            searchable
            comboboxProps={{ withinPortal: true }}
            error={fieldError(accept.error, 'primaryPractitionerId')}
          />
          <FormError error={accept.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setAccepting(false)}>
              Not yet
            </Button>
            <Button color="dusk" loading={accept.isPending} onClick={() => accept.mutate(primary)}>
              Accept and open chapter
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={declining} onClose={() => setDeclining(false)} title={`Decline ${inq.name}’s inquiry`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (declineReason.trim()) decline.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Declining closes this inquiry. Consider replying first with where else they might find care.
            </Text>
            <Textarea
              label="Reason"
              description="For the practice’s record; it is not sent to them"
              required
              autosize
              minRows={3}
              value={declineReason}
              onChange={(e) => setDeclineReason(e.currentTarget.value)}
              error={fieldError(decline.error, 'reason')}
            />
            <FieldAwareError error={decline.error} fields={['reason']} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDeclining(false)}>
                Keep it open
              </Button>
              <Button type="submit" color="red" disabled={!declineReason.trim()} loading={decline.isPending}>
                Decline the inquiry
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
