import { Alert, Anchor, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, newIdempotencyKey } from '../../api';
import { formatDateTime, formatRelative } from '../dates';
import { fieldError, FormError } from '../FormError';
import { measureKeys, type RiskAlert } from './types';

/** "phq-9" → "PHQ-9": the short names clinicians use. */
export const instrumentShortName = (key: string) => key.toUpperCase();

/** Risk alerts waiting for the signed-in clinician: asked again every 30 seconds and when the window regains focus. */
export function useRiskAlerts(enabled = true) {
  return useQuery({
    queryKey: measureKeys.riskAlerts,
    queryFn: () => api.get<RiskAlert[]>('/api/risk-alerts'),
    enabled,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/**
 * The banner above every staff page while a risk answer waits: who, which measure, when, and an
 * Acknowledge button that asks for a note of what was done.
 */
export function RiskAlertBanner({ enabled }: { enabled: boolean }) {
  const alerts = useRiskAlerts(enabled);
  const [acknowledging, setAcknowledging] = useState<RiskAlert | null>(null);
  const list = alerts.data ?? [];
  if (list.length === 0) return null;

  return (
    <>
      <Alert
        component="section"
        role="region"
        aria-labelledby="risk-alerts-title"
        color="red"
        variant="light"
        radius="md"
        mb="lg"
        icon={<IconAlertTriangle aria-hidden />}
        title={<span id="risk-alerts-title">{list.length === 1 ? 'A risk answer needs your attention' : `${list.length} risk answers need your attention`}</span>}
      >
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.map((a) => (
            <Group component="li" key={a.id} justify="space-between" wrap="wrap" gap="sm">
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm">
                  <Anchor component={Link} to={`/clients/${a.clientId}?tab=measures`} fw={600}>
                    {a.clientName}
                  </Anchor>{' '}
                  · {instrumentShortName(a.instrumentKey)} (total {a.total}) ·{' '}
                  <time dateTime={a.raisedAt} title={formatDateTime(a.raisedAt)}>
                    {formatDateTime(a.raisedAt)}, {formatRelative(a.raisedAt)}
                  </time>
                </Text>
                {a.rules.map((r) => (
                  <Text key={r} size="xs" c="dimmed">
                    {r}
                  </Text>
                ))}
              </Stack>
              <Button size="xs" color="red" variant="filled" onClick={() => setAcknowledging(a)} aria-label={`Acknowledge the risk alert for ${a.clientName}`}>
                Acknowledge
              </Button>
            </Group>
          ))}
        </Stack>
      </Alert>
      {acknowledging && <AcknowledgeModal alert={acknowledging} onClose={() => setAcknowledging(null)} />}
    </>
  );
}

/** Acknowledging needs a note: what was done (called the client, safety plan, spoke with supervisor). */
export function AcknowledgeModal({ alert, onClose }: { alert: RiskAlert; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [tried, setTried] = useState(false);
  const ack = useMutation({
    mutationFn: () => api.post(`/api/risk-alerts/${alert.id}/acknowledge`, { note }, { idempotencyKey }),
    onSuccess: () => {
      queryClient.setQueryData<RiskAlert[]>(measureKeys.riskAlerts, (old) => old?.filter((a) => a.id !== alert.id));
      void queryClient.invalidateQueries({ queryKey: measureKeys.riskAlerts });
      void queryClient.invalidateQueries({ queryKey: ['todo'] });
      void queryClient.invalidateQueries({ queryKey: measureKeys.client(alert.clientId) });
      onClose();
    },
  });
  const empty = note.trim() === '';

  return (
    <Modal opened onClose={onClose} title={`Acknowledge the risk alert for ${alert.clientName}`} size="lg" centered>
      <form
        aria-label="Acknowledge the risk alert"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!empty) ack.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {instrumentShortName(alert.instrumentKey)} completed {formatDateTime(alert.raisedAt)}, total {alert.total}.
          </Text>
          {alert.rules.map((r) => (
            <Text key={r} size="sm" c="dimmed">
              {r}
            </Text>
          ))}
          <Textarea
            label="What you did"
            description="For example: called the client, reviewed the safety plan together, spoke with your supervisor. The note and who wrote it are kept in the audit log."
            withAsterisk
            aria-required
            autosize
            minRows={3}
            maxLength={4000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={(tried && empty ? 'A note is needed to acknowledge the alert.' : undefined) ?? fieldError(ack.error, 'note')}
            data-autofocus
          />
          <FormError error={ack.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Not now
            </Button>
            <Button type="submit" color="red" loading={ack.isPending}>
              Acknowledge with this note
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
