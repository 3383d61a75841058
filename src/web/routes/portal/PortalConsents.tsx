import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconChartBar, IconShieldCheck } from '@tabler/icons-react';
import type { ConsentPurpose } from '../../../domain/consent/consent';
import { ApiError, api, newIdempotencyKey } from '../../api';
import { FormError } from '../../components/FormError';
import { Empty, Loading, LoadError } from '../../components/States';
import { formatDateTime } from '../../components/dates';
import { formatLongDay } from '../../components/record/dates';
import {
  categoryShortLabel,
  collaboratorWords,
  consentKeys,
  inForceFirst,
  listWords,
  RevokeDialog,
  type ConsentOut,
  type ConsentStatusName,
} from '../clients/ConsentSection';

interface PortalConsentsAnswer {
  consents: ConsentOut[];
  today: string;
}

/** What a consent lets the practice do, said to the person who gave it. */
function consentTitle(c: ConsentOut): string {
  switch (c.purpose) {
    case 'treatment':
      return 'Beginning the work together';
    case 'sharing':
      return `Sharing with ${collaboratorWords(c)}`;
    case 'research':
      return 'Your scores in the practice’s outcome research';
  }
}

function consentMeaning(c: ConsentOut): string {
  const may = c.status === 'active' || c.status === 'not_yet' ? 'may' : 'could';
  switch (c.purpose) {
    case 'treatment':
      return 'You agreed to begin therapy with the practice: what it involves, its limits, and that you can stop at any time.';
    case 'sharing':
      return `${c.collaboratorName} ${may} be sent your ${listWords(c.categories.map(categoryShortLabel))}, and nothing else. Your practitioner’s private notes are never shared.`;
    case 'research':
      return `Your questionnaire scores ${may} be counted in the practice’s outcome reports, without your name or anything else that could identify you.`;
  }
}

const statusColors: Record<ConsentStatusName, string> = { active: 'teal', expired: 'gray', revoked: 'orange', not_yet: 'blue' };

/** Short enough for a badge on a phone; the sentences below say when. */
const statusWords: Record<ConsentStatusName, string> = { active: 'In effect', expired: 'Ended', revoked: 'Revoked', not_yet: 'Not yet in effect' };

/**
 * The client's own consents in plain words: each one's status, revocable at any time; and the one
 * consent a client can give here themselves, to the practice's de-identified outcome research.
 */
export function PortalConsents() {
  const qc = useQueryClient();
  const consents = useQuery({ queryKey: consentKeys.portal, queryFn: () => api.get<PortalConsentsAnswer>('/api/portal/consents') });
  const [revoking, setRevoking] = useState<ConsentOut | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);

  const giveResearch = useMutation({
    mutationFn: (today: string) =>
      api.post<ConsentOut>(
        '/api/portal/consents',
        { purpose: 'research' satisfies ConsentPurpose, collaboratorName: '', collaboratorRole: '', categories: [], scope: '', givenOn: today, expiresOn: null },
        { idempotencyKey: key },
      ),
    onSuccess: async () => {
      setKey(newIdempotencyKey());
      setSaid('Thank you. Your consent to the outcome research is recorded, and you can revoke it here at any time.');
      await qc.invalidateQueries({ queryKey: consentKeys.portal });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status !== 0 && e.status < 500) setKey(newIdempotencyKey());
    },
  });

  const data = consents.data;
  const list = inForceFirst(data?.consents ?? []);
  const researchActive = list.some((c) => c.purpose === 'research' && c.status === 'active');

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="portal-consents">
      <Stack gap="md">
        <Stack gap={4}>
          <Group gap="xs">
            <IconShieldCheck size={20} aria-hidden color="var(--mantine-color-dusk-7)" />
            <Title order={2} size="h4" id="portal-consents">
              Your consents
            </Title>
          </Group>
          <Text size="sm" c="dimmed">
            What you have agreed the practice may do with your information. You can change your mind about any of these at any time:
            revoking takes effect straight away.
          </Text>
        </Stack>

        {said && (
          <Alert color="teal" variant="light" role="status" withCloseButton onClose={() => setSaid(null)} closeButtonLabel="Dismiss">
            {said}
          </Alert>
        )}

        {consents.isPending ? (
          <Loading label="Opening your consents…" />
        ) : consents.isError ? (
          <LoadError error={consents.error} onRetry={() => void consents.refetch()} />
        ) : (
          <>
            {list.length === 0 ? (
              <Empty>No consent is recorded yet. Your practitioner will go through them with you.</Empty>
            ) : (
              <Stack gap="sm">
                {list.map((c) => (
                  <Paper
                    key={c.id}
                    withBorder
                    p="md"
                    radius="md"
                    component="article"
                    aria-labelledby={`portal-consent-${c.id}`}
                    bg={c.status === 'active' ? undefined : 'var(--mantine-color-gray-0)'}
                  >
                    <Stack gap={6}>
                      <Group justify="space-between" align="flex-start" gap="xs">
                        <Text fw={600} id={`portal-consent-${c.id}`} style={{ flex: 1, minWidth: 180 }}>
                          {consentTitle(c)}
                        </Text>
                        <Badge variant="light" color={statusColors[c.status]} tt="none" size="lg" fw={600}>
                          {statusWords[c.status]}
                        </Badge>
                      </Group>
                      <Text size="sm">{consentMeaning(c)}</Text>
                      {c.scope.trim() && (
                        <Text size="sm" className="prewrap">
                          In your words: {c.scope.trim()}
                        </Text>
                      )}
                      <Text size="sm" c="dimmed">
                        Given on {formatLongDay(c.givenOn)}
                        {c.via === 'portal' ? ', here in your portal' : c.via === 'on_paper' ? ', on paper' : ', in a session'}
                        {c.expiresOn && c.status !== 'expired' ? `; it lasts until ${formatLongDay(c.expiresOn)}` : ''}.
                      </Text>
                      {c.status === 'expired' && c.expiresOn && <Text size="sm">It ended on {formatLongDay(c.expiresOn)}.</Text>}
                      {c.status === 'revoked' && c.revokedAt && (
                        <Text size="sm">
                          {/* The client's own note is theirs to see again; a practitioner's working note stays in the practice's record. */}
                          {c.revokedVia === 'portal'
                            ? `You revoked it here, ${formatDateTime(c.revokedAt)}${c.revocationNote.trim() ? `. Your note: “${c.revocationNote.trim()}”` : '.'}`
                            : `Revoked ${formatDateTime(c.revokedAt)}${c.revokedBy ? ` by ${c.revokedBy.name}, on your word` : ''}.`}
                        </Text>
                      )}
                      {c.status === 'active' || c.status === 'not_yet' ? (
                        <Group>
                          <Button variant="light" color="orange" size="sm" onClick={() => setRevoking(c)} aria-label={`Revoke: ${consentTitle(c)}`}>
                            Revoke
                          </Button>
                        </Group>
                      ) : null}
                    </Stack>
                  </Paper>
                ))}
              </Stack>
            )}

            {!researchActive && data && (
              <Paper p="md" radius="md" bg="var(--mantine-color-gray-0)" component="section" aria-labelledby="portal-research">
                <Stack gap="sm">
                  <Group gap="xs">
                    <IconChartBar size={18} aria-hidden color="var(--mantine-color-dusk-7)" />
                    <Title order={3} size="h5" id="portal-research">
                      The practice’s outcome research
                    </Title>
                  </Group>
                  <Text size="sm">
                    The practice looks at how people’s questionnaire scores change over time, to learn what helps. If you agree, your scores
                    are counted with everyone else’s, without your name or anything that could identify you. Saying no changes nothing about
                    your care, and you can revoke it here whenever you like.
                  </Text>
                  <FormError error={giveResearch.error} />
                  <Group>
                    <Button
                      onClick={() => giveResearch.mutate(data.today)}
                      loading={giveResearch.isPending}
                      h="auto"
                      py={8}
                      styles={{ label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.35 } }}
                    >
                      I agree to my scores being used in the research
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
          </>
        )}
      </Stack>
      {revoking && (
        <RevokeDialog
          url={`/api/portal/consents/${revoking.id}/revoke`}
          queryKey={consentKeys.portal}
          title={consentTitle(revoking)}
          purpose={revoking.purpose}
          noteRequired={false}
          voice="client"
          onClose={() => setRevoking(null)}
          onRevoked={(c) => setSaid(`${consentTitle(c)}: revoked. It covers nothing from now on.`)}
        />
      )}
    </Paper>
  );
}
