import { Badge, Button, Group, Modal, MultiSelect, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { checkRoleSet, roleLabels, roles, type Role } from '../../../domain/people/roles';
import { api } from '../../api';
import { ClientPicker } from '../../components/ClientPicker';
import { CopyField } from '../../components/CopyField';
import { formatDate, formatDateTime, formatRelative } from '../../components/dates';
import { fieldError, FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Empty, Loading, LoadError } from '../../components/States';
import { useDraft } from '../../components/useDraft';
import { useMe } from '../../session/SessionContext';
import { peopleKey, type Invite, type Person } from './types';

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));
const label = (r: string) => roleLabels[r as Role] ?? r;

export function PeoplePage() {
  const people = useQuery({ queryKey: peopleKey, queryFn: () => api.get<Person[]>('/api/people') });
  const [editing, setEditing] = useState<Person | null>(null);

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone with an account at your practice: practitioners, associates, supervisors, admins and clients using the portal. Invite someone new below."
      />
      <Stack gap="lg">
        <Section id="everyone" title="Everyone">
          {people.isPending ? (
            <Loading label="Gathering your people…" />
          ) : people.isError ? (
            <LoadError error={people.error} onRetry={() => void people.refetch()} />
          ) : people.data.length === 0 ? (
            <Empty>No one here yet. Invite your first colleague below.</Empty>
          ) : (
            <PeopleTable people={people.data} onEdit={setEditing} />
          )}
        </Section>
        <InviteSection />
        <PendingInvites />
      </Stack>
      {editing && people.data && (
        <EditPersonModal key={editing.id} person={editing} everyone={people.data} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function PeopleTable({ people, onEdit }: { people: Person[]; onEdit(p: Person): void }) {
  const byId = new Map(people.map((p) => [p.id, p]));
  const sorted = [...people].sort((a, b) => Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>Two-factor</Table.Th>
            <Table.Th>Supervisors</Table.Th>
            <Table.Th>
              <span className="sr-only">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((p) => (
            <Table.Tr key={p.id} style={p.active ? undefined : { opacity: 0.7 }}>
              <Table.Td>
                <Text fw={500}>
                  {p.displayName}
                  {p.pronouns && (
                    <Text span c="dimmed" size="sm">
                      {' '}
                      ({p.pronouns})
                    </Text>
                  )}
                </Text>
                <Text size="sm" c="dimmed">
                  {p.email}
                  {p.credentials ? ` · ${p.credentials}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {p.roles.map((r) => (
                    <Badge key={r} variant="light" color={r === 'client' ? 'clay.8' : undefined}>
                      {label(r)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge variant="dot" color={p.active ? 'teal.8' : 'gray.6'}>
                  {p.active ? 'Active' : 'Deactivated'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.mfaEnabled ? 'On' : 'Off'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {p.roles.includes('associate')
                    ? p.supervisorIds.length
                      ? p.supervisorIds.map((id) => byId.get(id)?.displayName ?? 'Someone no longer listed').join(', ')
                      : 'None yet'
                    : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => onEdit(p)} aria-label={`Edit ${p.displayName}`}>
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EditPersonModal({ person, everyone, onClose }: { person: Person; everyone: Person[]; onClose(): void }) {
  const me = useMe();
  const qc = useQueryClient();
  const [personRoles, setRoles] = useState<string[]>(person.roles);
  const [active, setActive] = useState(person.active);
  const [credentials, setCredentials] = useState(person.credentials ?? '');
  const [supervisorIds, setSupervisorIds] = useState<string[]>(person.supervisorIds);
  const roleProblem = checkRoleSet(personRoles as Role[]);
  const isAssociate = personRoles.includes('associate');
  const supervisorOptions = everyone
    .filter((p) => p.id !== person.id && p.active && p.roles.includes('supervisor'))
    .map((p) => ({ value: p.id, label: p.displayName }));

  const save = useMutation({
    mutationFn: async () => {
      let updated = await api.patch<Person>(`/api/people/${person.id}`, { roles: personRoles, active, credentials: credentials.trim() });
      const supChanged =
        isAssociate &&
        (supervisorIds.length !== person.supervisorIds.length || supervisorIds.some((id) => !person.supervisorIds.includes(id)));
      if (supChanged) updated = await api.put<Person>(`/api/people/${person.id}/supervisors`, { supervisorIds });
      return updated;
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: peopleKey });
      void qc.invalidateQueries({ queryKey: ['practitioners'] });
      notifications.show({ color: 'teal', title: 'Saved', message: `${person.displayName}'s account is updated.` });
      onClose();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!roleProblem) save.mutate();
  };
  const self = person.id === me.user.id;

  return (
    <Modal opened onClose={onClose} title={`Edit ${person.displayName}`} size="lg">
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {person.email}
          </Text>
          <FormError error={save.error} />
          <MultiSelect
            label="Roles"
            data={roleOptions}
            value={personRoles}
            onChange={setRoles}
            error={roleProblem ?? fieldError(save.error, 'roles')}
            description="A client account is only ever a client. Staff roles combine freely."
            required
          />
          <TextInput
            label="Credentials"
            description="Shown to people choosing a practitioner, e.g. “LMFT” or “MSW, pre-licensed”."
            value={credentials}
            onChange={(e) => setCredentials(e.currentTarget.value)}
            error={fieldError(save.error, 'credentials')}
          />
          {isAssociate && (
            <MultiSelect
              label="Supervisors"
              description="Associates work under supervision: their supervisors can see the clients they care for."
              data={supervisorOptions}
              value={supervisorIds}
              onChange={setSupervisorIds}
              nothingFoundMessage="No one holds the supervisor role yet"
              error={fieldError(save.error, 'supervisorIds')}
              searchable
            />
          )}
          <Tooltip label="You cannot deactivate your own account" disabled={!self}>
            <div>
              <Switch
                label="Account active"
                description="A deactivated person cannot sign in. Their records stay."
                checked={active}
                onChange={(e) => setActive(e.currentTarget.checked)}
                disabled={self}
              />
            </div>
          </Tooltip>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!!roleProblem}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface InviteForm {
  email: string;
  displayName: string;
  roles: string[];
  clientId: string | null;
  clientName: string | null;
}
const emptyInvite: InviteForm = { email: '', displayName: '', roles: [], clientId: null, clientName: null };

function InviteSection() {
  const qc = useQueryClient();
  const [form, setForm, clearForm] = useDraft<InviteForm>('people:invite', emptyInvite);
  const [sent, setSent] = useState<{ inviteUrl: string; email: string; expiresAt: string } | null>(null);
  const isClient = form.roles.includes('client');
  const roleProblem = form.roles.length ? checkRoleSet(form.roles as Role[]) : null;

  const invite = useMutation({
    mutationFn: () =>
      api.post<{ id: string; inviteUrl: string; expiresAt: string }>('/api/people/invites', {
        email: form.email.trim(),
        displayName: form.displayName.trim(),
        roles: form.roles,
        ...(isClient && form.clientId ? { clientId: form.clientId } : {}),
      }),
    onSuccess: (r) => {
      setSent({ inviteUrl: r.inviteUrl, email: form.email.trim(), expiresAt: r.expiresAt });
      clearForm();
      void qc.invalidateQueries({ queryKey: ['people', 'invites'] });
      void qc.invalidateQueries({ queryKey: ['outbox'] });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (roleProblem) return;
    setSent(null);
    invite.mutate();
  };
  const onlyFields = ['email', 'displayName', 'roles', 'clientId'].some((f) => fieldError(invite.error, f));

  return (
    <Section
      id="invite"
      title="Invite someone"
      description="They receive a link to choose a password. The invitation is also placed in the Outbox, ready to send."
    >
      {sent && (
        <Stack gap="xs" p="md" bg="var(--mantine-color-dusk-0)" style={{ borderRadius: 8 }} role="status">
          <Text fw={600}>Invitation ready for {sent.email}</Text>
          <CopyField label="Invitation link" copyLabel="Copy link" value={sent.inviteUrl} description={`Valid until ${formatDateTime(sent.expiresAt)}. It works once.`} />
          <Text size="sm" c="dimmed">
            Send it to them by email or another private channel. A copy of the message is in the Outbox.
          </Text>
        </Stack>
      )}
      <form onSubmit={submit}>
        <Stack gap="md">
          {!onlyFields && <FormError error={invite.error} />}
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label="Email"
              type="email"
              value={form.email}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setForm((f) => ({ ...f, email: v }));
              }}
              error={fieldError(invite.error, 'email')}
              required
              miw={240}
            />
            <TextInput
              label="Name"
              description="As they like to be called."
              value={form.displayName}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setForm((f) => ({ ...f, displayName: v }));
              }}
              error={fieldError(invite.error, 'displayName')}
              required
              miw={240}
            />
          </Group>
          <MultiSelect
            label="Roles"
            placeholder={form.roles.length ? undefined : 'Choose one or more'}
            data={roleOptions}
            value={form.roles}
            onChange={(v) => setForm((f) => ({ ...f, roles: v }))}
            error={roleProblem ?? fieldError(invite.error, 'roles')}
            required
          />
          {isClient && (
            <ClientPicker
              label="Which client is this portal account for?"
              description="The portal shows them their practitioners, upcoming sessions and crisis resources."
              value={form.clientId}
              initialName={form.clientName ?? undefined}
              onChange={(id, name) => setForm((f) => ({ ...f, clientId: id, clientName: name }))}
              error={fieldError(invite.error, 'clientId')}
              required
            />
          )}
          <Group>
            <Button type="submit" loading={invite.isPending} disabled={!!roleProblem || (isClient && !form.clientId)}>
              Create invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function inviteStatus(i: Invite): { label: string; color: string } {
  if (i.acceptedAt) return { label: 'Accepted', color: 'teal.8' };
  if (i.revokedAt) return { label: 'Revoked', color: 'gray.7' };
  if (new Date(i.expiresAt).getTime() < Date.now()) return { label: 'Expired', color: 'gray.7' };
  return { label: 'Waiting', color: 'clay.8' };
}

function PendingInvites() {
  const qc = useQueryClient();
  const invites = useQuery({ queryKey: ['people', 'invites'], queryFn: () => api.get<Invite[]>('/api/people/invites') });
  const [revoking, setRevoking] = useState<Invite | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/people/invites/${id}`),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ['people', 'invites'] });
      notifications.show({ title: 'Invitation revoked', message: 'The link no longer works.' });
    },
  });
  const list = [...(invites.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const open = list.filter((i) => inviteStatus(i).label === 'Waiting');
  const closed = list.filter((i) => inviteStatus(i).label !== 'Waiting').slice(0, 20);

  return (
    <Section id="invites" title="Invitations" description="Links waiting to be used, and recent ones that were accepted, revoked or expired.">
      {invites.isPending ? (
        <Loading label="Loading invitations…" />
      ) : invites.isError ? (
        <LoadError error={invites.error} onRetry={() => void invites.refetch()} />
      ) : list.length === 0 ? (
        <Empty>No invitations yet.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Roles</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...open, ...closed].map((i) => {
                const st = inviteStatus(i);
                return (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <Text fw={500}>{i.displayName}</Text>
                      <Text size="sm" c="dimmed">
                        {i.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{i.roles.map(label).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(i.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={st.color}>
                        {st.label}
                      </Badge>
                      {st.label === 'Waiting' && (
                        <Text size="xs" c="dimmed">
                          expires {formatRelative(i.expiresAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {st.label === 'Waiting' && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(i)} aria-label={`Revoke the invitation for ${i.email}`}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={!!revoking} onClose={() => setRevoking(null)} title="Revoke this invitation?">
        <Stack gap="md">
          <Text size="sm">
            The link sent to {revoking?.email} will stop working. You can invite them again later.
          </Text>
          <FormError error={revoke.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Keep it
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>
              Revoke invitation
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
