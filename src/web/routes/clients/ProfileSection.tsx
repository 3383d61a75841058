import { useState } from 'react';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconDeviceFloppy, IconPencil } from '@tabler/icons-react';
import { ApiError, api } from '../../api';
import { useDraft } from '../../components/useDraft';
import { formatBirthDate, formatDateTime } from '../../components/clinical/format';
import type { Client, ClientProfile } from '../../components/clinical/types';
import { changedFields, profileBody, ProfileFields, profileKeys, profileLabels, profileOf } from './ProfileFields';
import { ConsentSection } from './ConsentSection';
import { UnitsSection } from '../units/UnitsSection';

interface EditDraft {
  /** The version the person started from: sent with the save so a stale one is refused. */
  baseVersion: number;
  base: ClientProfile;
  values: ClientProfile;
  /** After a conflict: what the person had typed, kept for them to re-apply. */
  mine: Partial<ClientProfile> | null;
}

/** The profile in the client's own words: view, edit with optimistic concurrency, drafts kept. */
export function ProfileSection({ client }: { client: Client }) {
  const queryClient = useQueryClient();
  const [draft, setDraft, clearDraft] = useDraft<EditDraft | null>(`client:${client.id}:profile`, null);
  const [saved, setSaved] = useState(false);
  const canEdit = client.access !== 'supervision';

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Client>(`/api/clients/${client.id}`, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['client', client.id], updated);
      clearDraft();
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
    onError: async (error) => {
      if (!(error instanceof ApiError) || error.code !== 'conflict' || !draft) return;
      // Someone else saved first: load theirs, keep ours aside so nothing typed is lost.
      const latest = await api.get<Client>(`/api/clients/${client.id}`);
      queryClient.setQueryData(['client', client.id], latest);
      const latestProfile = profileOf(latest);
      const mine: Partial<ClientProfile> = { ...(draft.mine ?? {}) };
      for (const k of changedFields(draft.base, draft.values)) mine[k] = draft.values[k];
      for (const k of Object.keys(mine) as Array<keyof ClientProfile>) if ((mine[k] ?? '').trim() === latestProfile[k].trim()) delete mine[k];
      setDraft({ baseVersion: latest.version, base: latestProfile, values: latestProfile, mine: Object.keys(mine).length ? mine : null });
    },
  });

  const startEditing = () => {
    setSaved(false);
    save.reset();
    const p = profileOf(client);
    setDraft({ baseVersion: client.version, base: p, values: p, mine: null });
  };

  if (draft) {
    const changed = changedFields(draft.base, draft.values);
    const mineKeys = Object.keys(draft.mine ?? {}) as Array<keyof ClientProfile>;
    const submit = (e: React.FormEvent) => {
      e.preventDefault();
      if (changed.length === 0) {
        clearDraft();
        return;
      }
      const full = profileBody(draft.values);
      const body: Record<string, unknown> = { version: draft.baseVersion };
      for (const k of changed) body[k] = full[k];
      save.mutate(body);
    };
    const conflict = save.error instanceof ApiError && save.error.code === 'conflict';
    return (
      <form onSubmit={submit} aria-label="Edit profile" noValidate>
        <Stack gap="lg">
          {draft.baseVersion !== client.version && !conflict && !draft.mine && (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
              This profile has changed since you started editing. Saving will be refused until you load the latest.
            </Alert>
          )}
          {conflict || draft.mine ? (
            <Alert role="alert" color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Someone changed this profile meanwhile">
              <Stack gap="xs">
                <Text size="sm">
                  The form now shows the latest saved profile. What you typed is kept below: re-apply what still belongs, then save.
                </Text>
                {mineKeys.map((k) => (
                  <Group key={k} justify="space-between" wrap="nowrap" align="flex-start">
                    <Text size="sm">
                      <b>{profileLabels[k]}:</b> you wrote “{draft.mine?.[k] || '(empty)'}”
                    </Text>
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={`Use mine for ${profileLabels[k].toLowerCase()}`}
                      onClick={() =>
                        setDraft((d) => {
                          if (!d) return d;
                          const rest = { ...(d.mine ?? {}) };
                          delete rest[k];
                          return { ...d, values: { ...d.values, [k]: d.mine?.[k] ?? '' }, mine: Object.keys(rest).length ? rest : null };
                        })
                      }
                    >
                      Use mine
                    </Button>
                  </Group>
                ))}
                {mineKeys.length > 1 && (
                  <Group>
                    <Button
                      size="xs"
                      onClick={() => setDraft((d) => (d ? { ...d, values: { ...d.values, ...(d.mine ?? {}) }, mine: null } : d))}
                    >
                      Re-apply all my changes
                    </Button>
                  </Group>
                )}
                {mineKeys.length === 0 && <Text size="sm">Your changes already match what was saved.</Text>}
              </Stack>
            </Alert>
          ) : (
            <FieldAwareError error={save.error} fields={profileKeys} />
          )}
          <ProfileFields value={draft.values} onChange={(values) => setDraft((d) => (d ? { ...d, values } : d))} error={save.error} />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                clearDraft();
                save.reset();
              }}
            >
              Discard changes
            </Button>
            <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Last changed {formatDateTime(client.updatedAt)}
        </Text>
        {canEdit && (
          <Button variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={startEditing}>
            Edit profile
          </Button>
        )}
      </Group>
      {saved && (
        <Alert color="dusk" variant="light" withCloseButton onClose={() => setSaved(false)} role="status">
          Profile saved.
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          Who they are
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Field label="Name they want to be called" value={client.name} />
          <Field label="Legal name" value={client.legalName} />
          <Field label="Pronouns" value={client.pronouns} />
          <Field label="Cultural identities" value={client.culturalIdentities} />
          <Field label="Communities" value={client.communities} />
        </SimpleGrid>
      </Paper>
      <UnitsSection client={client} />
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          The whole person
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="sm">
            <Text fw={600}>What they are living with</Text>
            <Field label="Concerns" value={client.concerns} />
          </Stack>
          <Stack gap="sm">
            <Text fw={600}>What sustains them</Text>
            <Field label="Resilience" value={client.resilience} />
            <Field label="Connection" value={client.connection} />
            <Field label="Vitality" value={client.vitality} />
          </Stack>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          Reaching them
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="md">
          <Field label="Email" value={client.email} />
          <Field label="Phone" value={client.phone} />
          <Field label="Preferred way to be contacted" value={client.preferredContact} />
          <Field label="Date of birth" value={client.dateOfBirth ? formatBirthDate(client.dateOfBirth) : null} />
          <Field
            label="Emergency contact"
            value={
              [client.emergencyContactName, client.emergencyContactRelationship && `(${client.emergencyContactRelationship})`, client.emergencyContactPhone]
                .filter(Boolean)
                .join(' ') || null
            }
          />
        </SimpleGrid>
      </Paper>
      <ConsentSection clientId={client.id} clientName={client.name} canEdit={client.access === 'care'} />
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" tt="uppercase" c="dimmed" fw={600} style={{ letterSpacing: 0.4 }}>
        {label}
      </Text>
      {value ? (
        <Text style={{ whiteSpace: 'pre-wrap' }}>{value}</Text>
      ) : (
        <Text c="dimmed" fs="italic" size="sm">
          Not written yet
        </Text>
      )}
    </div>
  );
}
