import { Alert, Badge, Button, CopyButton, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconMailOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import { formatDateTime } from '../../components/dates';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading, LoadError } from '../../components/States';

interface OutboxMessage {
  id: string;
  toAddress: string;
  subject: string;
  body: string;
  kind: string;
  createdAt: string;
}

const kindLabels: Record<string, string> = {
  invite: 'Invitation',
  inquiry_reply: 'Reply to an inquiry',
  inquiry_received: 'Inquiry received',
};

function kindLabel(kind: string): string {
  return kindLabels[kind] ?? kind.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

export function OutboxPage() {
  const outbox = useQuery({ queryKey: ['outbox'], queryFn: () => api.get<OutboxMessage[]>('/api/outbox') });
  const [filter, setFilter] = useState('');
  const messages = [...(outbox.data ?? [])]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .filter((m) => {
      const f = filter.trim().toLowerCase();
      return !f || m.toAddress.toLowerCase().includes(f) || m.subject.toLowerCase().includes(f);
    });

  return (
    <>
      <PageHeader title="Outbox" description="Messages Liminal has written for people outside it: invitations and replies to inquiries. Newest first." />
      <Stack gap="lg" maw={900}>
        <Alert color="clay" variant="light" icon={<IconMailOff aria-hidden />} title="No mail server is connected yet">
          Liminal does not send email by itself yet. Each message waits here: copy it and send it from your practice&apos;s own email, or
          share the link another private way.
        </Alert>
        {outbox.isPending ? (
          <Loading label="Opening the outbox…" />
        ) : outbox.isError ? (
          <LoadError error={outbox.error} onRetry={() => void outbox.refetch()} />
        ) : outbox.data.length === 0 ? (
          <Empty>The outbox is empty. Invitations and replies to inquiries will appear here.</Empty>
        ) : (
          <>
            <TextInput
              label="Find a message"
              placeholder="Address or subject"
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              maw={360}
            />
            {messages.length === 0 && <Empty>No message matches “{filter}”.</Empty>}
            {messages.map((m) => (
              <Paper key={m.id} withBorder p="lg" component="article" aria-label={`${m.subject} — to ${m.toAddress}`}>
                <Stack gap="sm">
                  <Group justify="space-between" align="flex-start" wrap="wrap">
                    <Stack gap={2}>
                      <Text fw={600} size="lg">
                        {m.subject}
                      </Text>
                      <Text size="sm" c="dimmed">
                        To {m.toAddress} · {formatDateTime(m.createdAt)}
                      </Text>
                    </Stack>
                    <Group gap="xs">
                      <Badge variant="light">{kindLabel(m.kind)}</Badge>
                      <CopyButton value={m.body} timeout={2000}>
                        {({ copied, copy }) => (
                          <Button
                            size="xs"
                            variant={copied ? 'filled' : 'light'}
                            color={copied ? 'teal' : undefined}
                            onClick={copy}
                            leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                            aria-label={`Copy the message to ${m.toAddress}`}
                          >
                            {copied ? 'Copied' : 'Copy message'}
                          </Button>
                        )}
                      </CopyButton>
                      <CopyButton value={m.toAddress} timeout={2000}>
                        {({ copied, copy }) => (
                          <Button size="xs" variant="subtle" onClick={copy} aria-label={`Copy the address ${m.toAddress}`}>
                            {copied ? 'Address copied' : 'Copy address'}
                          </Button>
                        )}
                      </CopyButton>
                    </Group>
                  </Group>
                  <Paper bg="var(--mantine-color-gray-0)" p="md" radius="sm">
                    <Text className="prewrap" size="sm" style={{ lineHeight: 1.6 }}>
                      {m.body}
                    </Text>
                  </Paper>
                </Stack>
              </Paper>
            ))}
          </>
        )}
      </Stack>
    </>
  );
}
