import { useState } from 'react';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import { Anchor, Breadcrumbs, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { IconUserPlus } from '@tabler/icons-react';
import { api } from '../../api';
import { useDocumentTitle } from '../../components/PageHeader';
import { fieldError } from '../../components/FormError';
import { useDraft } from '../../components/useDraft';
import { useMe } from '../../session/SessionContext';
import { practitionerOptions, usePractitioners } from '../../components/clinical/queries';
import type { Client, ClientProfile } from '../../components/clinical/types';
import { emptyProfile, profileBody, ProfileFields, profileKeys } from './ProfileFields';

interface NewClientDraft {
  profile: ClientProfile;
  primaryPractitionerId: string | null;
}

/** A new client, in their own words; creating them opens chapter 1 in Reaching out. */
export function NewClientPage() {
  useDocumentTitle('New client');
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const practitioners = usePractitioners();
  const [draft, setDraft, clearDraft] = useDraft<NewClientDraft>('client:new', { profile: emptyProfile, primaryPractitionerId: null });
  const [localError, setLocalError] = useState<string | null>(null);

  const options = practitionerOptions(practitioners.data);
  const meIsPractitioner = options.some((o) => o.value === me.user.id);
  const admin = me.user.roles.includes('practice_admin');
  const primary = admin ? (draft.primaryPractitionerId ?? (meIsPractitioner ? me.user.id : null)) : null;

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<Client>('/api/clients', body),
    onSuccess: async (client) => {
      clearDraft();
      await queryClient.invalidateQueries({ queryKey: ['clients'] });
      navigate(`/clients/${client.id}`);
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!draft.profile.name.trim()) {
      setLocalError('Write the name they want to be called.');
      return;
    }
    const body: Record<string, unknown> = profileBody(draft.profile);
    if (primary) body.primaryPractitionerId = primary;
    create.mutate(body);
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Breadcrumbs>
        <Anchor component={Link} to="/clients">
          Clients
        </Anchor>
        <Text>New client</Text>
      </Breadcrumbs>
      <div>
        <Title order={1} size="h2">A new client</Title>
        <Text c="dimmed">
          Write what you know so far, in their words. A first chapter opens in Reaching out; everything here can be changed later.
        </Text>
      </div>
      <form onSubmit={submit} noValidate aria-label="New client">
        <Stack gap="lg">
          <ProfileFields value={draft.profile} onChange={(profile) => setDraft((d) => ({ ...d, profile }))} error={create.error} />
          <Paper withBorder p="md" radius="md">
            {admin ? (
              <Select
                label="Primary practitioner"
                description="The person who holds this relationship; others can be added later"
                data={options}
                value={primary}
                onChange={(v) => setDraft((d) => ({ ...d, primaryPractitionerId: v }))}
                placeholder={practitioners.isLoading ? 'Loading practitioners…' : 'Choose a practitioner'}
                searchable
                clearable
                required
                error={fieldError(create.error, 'primaryPractitionerId')}
                maw={420}
              />
            ) : (
              <Text size="sm">
                <Text span fw={600}>
                  Primary practitioner:
                </Text>{' '}
                you. Others can be added to their care from the client’s page.
              </Text>
            )}
          </Paper>
          {localError && (
            <Text role="alert" c="red">
              {localError}
            </Text>
          )}
          <FieldAwareError error={create.error} fields={[...profileKeys, 'primaryPractitionerId']} />
          <Group justify="space-between">
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                clearDraft();
                navigate('/clients');
              }}
            >
              Discard and go back
            </Button>
            <Button type="submit" loading={create.isPending} leftSection={<IconUserPlus size={16} aria-hidden />}>
              Create client and open chapter 1
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
