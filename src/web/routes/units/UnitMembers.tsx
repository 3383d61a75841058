import { Anchor, Button, Checkbox, Collapse, Group, Modal, Paper, Stack, Table, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDoorExit, IconPencil, IconUserPlus, IconUsersPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { MAX_UNIT_MEMBERS, membershipProblem, unitKindLabels } from '../../../domain/units/units';
import { api } from '../../api';
import { ClientPicker } from '../../components/ClientPicker';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import { formatDate } from '../../components/dates';
import { fieldError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { useIdempotencyKey } from '../../components/useAutosave';
import { useDraft } from '../../components/useDraft';
import { type Unit, type UnitMember, unitKeys, unitUrl } from './types';
import { isCurrent } from './words';

/** Keeps every view of the unit in step after a change: its page, and the lists on its clients' pages. */
function useUnitSaved(unit: Unit) {
  const qc = useQueryClient();
  return (next: Unit) => {
    qc.setQueryData(unitKeys.unit(unit.id), next);
    void qc.invalidateQueries({ queryKey: ['units'] });
  };
}

/** Who is in the unit now, who left and when; adding people, changing how each belongs, leaving. */
export function UnitMembers({ unit, canEdit }: { unit: Unit; canEdit: boolean }) {
  const kind = unitKindLabels[unit.kind].toLowerCase();
  const current = unit.members.filter(isCurrent);
  const left = unit.members.filter((m) => !isCurrent(m));
  const [adding, setAdding] = useState<'client' | 'related' | null>(null);
  const [editing, setEditing] = useState<UnitMember | null>(null);
  const [leaving, setLeaving] = useState<UnitMember | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Would one more person break the unit's rules (a couple is two people)?
  const full =
    membershipProblem(unit.kind, [...current, { kind: 'related', leftAt: null }]) === null
      ? null
      : unit.kind === 'couple'
        ? 'A couple is two people, so nobody more can be added. To see more of them together, make a family or group from a client’s page.'
        : `A ${kind} holds at most ${MAX_UNIT_MEMBERS} people.`;
  const clientsNow = current.filter((m) => m.kind === 'client').length;

  return (
    <Section
      id="members"
      title={`People in the ${kind}`}
      description="Clients keep their own record; related people have no account. Someone who leaves stays on the attendance lists of the sessions they were part of."
      actions={
        canEdit && !adding ? (
          <>
            <Button variant="light" leftSection={<IconUserPlus size={16} aria-hidden />} disabled={Boolean(full)} onClick={() => setAdding('client')}>
              Add a client
            </Button>
            <Button variant="light" leftSection={<IconUsersPlus size={16} aria-hidden />} disabled={Boolean(full)} onClick={() => setAdding('related')}>
              Add a related person
            </Button>
          </>
        ) : undefined
      }
    >
      {canEdit && full && !adding && (
        <Text size="sm" c="dimmed">
          {full}
        </Text>
      )}
      {done && (
        <Text role="status" size="sm" c="teal.8">
          {done}
        </Text>
      )}
      <Collapse in={adding !== null}>
        {adding && (
          <AddMemberForm
            unit={unit}
            what={adding}
            onCancel={() => setAdding(null)}
            onAdded={(name) => {
              setAdding(null);
              setDone(`${name} is in the ${kind} now.`);
            }}
          />
        )}
      </Collapse>

      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={`People in ${unit.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Relationship</Table.Th>
              <Table.Th>Comes to sessions</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>In the {kind} since</Table.Th>
              {canEdit && <Table.Th>Changes</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <MemberName member={m} />
                </Table.Td>
                <Table.Td>{m.relationship.trim() || <NotWritten />}</Table.Td>
                <Table.Td>{m.kind === 'client' ? 'Yes, as a client' : m.attends ? 'Yes' : 'No'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', maxWidth: 280 }}>{m.note.trim() || <NotWritten />}</Table.Td>
                <Table.Td>{formatDate(m.joinedAt)}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} aria-hidden />} aria-label={`Change ${m.name}’s details`} onClick={() => setEditing(m)}>
                        Change
                      </Button>
                      {m.kind === 'client' && clientsNow <= 1 ? (
                        <Tooltip label={`A ${kind} needs at least one client`}>
                          <Button size="compact-sm" variant="subtle" color="gray" disabled leftSection={<IconDoorExit size={14} aria-hidden />} aria-label={`${m.name} left the unit`}>
                            Left the unit
                          </Button>
                        </Tooltip>
                      ) : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="gray"
                          leftSection={<IconDoorExit size={14} aria-hidden />}
                          aria-label={`${m.name} left the unit`}
                          onClick={() => setLeaving(m)}
                        >
                          Left the unit
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {left.length > 0 && (
        <Stack gap={6}>
          <Title order={3} size="h5">
            Who has left
          </Title>
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
            {left.map((m) => (
              <Text component="li" key={m.id} size="sm">
                <MemberName member={m} inline />
                {m.relationship.trim() ? ` (${m.relationship.trim()})` : ''} · in the {kind} from {formatDate(m.joinedAt)} until {m.leftAt ? formatDate(m.leftAt) : '—'}
              </Text>
            ))}
          </Stack>
        </Stack>
      )}

      <EditMemberModal unit={unit} member={editing} onClose={() => setEditing(null)} onSaved={(name) => setDone(`${name}’s details are saved.`)} />
      <LeaveModal
        unit={unit}
        member={leaving}
        onClose={() => setLeaving(null)}
        onLeft={(name) => setDone(`${name} is marked as having left the ${kind}.`)}
      />
    </Section>
  );
}

function NotWritten() {
  return (
    <Text span size="sm" c="dimmed" fs="italic">
      Not written
    </Text>
  );
}

/** A client links to their record; a related person is marked as having no account. */
function MemberName({ member, inline = false }: { member: UnitMember; inline?: boolean }) {
  const name =
    member.kind === 'client' && member.clientId ? (
      <Anchor component={Link} to={`/clients/${member.clientId}`} fw={inline ? undefined : 500} size={inline ? 'sm' : undefined}>
        {member.name}
      </Anchor>
    ) : (
      <Text span fw={inline ? undefined : 500} size={inline ? 'sm' : undefined}>
        {member.name}
      </Text>
    );
  if (inline) return name;
  return (
    <Stack gap={0}>
      {name}
      <Text size="xs" c="dimmed">
        {member.kind === 'client' ? 'Client' : 'Related person · no account'}
      </Text>
    </Stack>
  );
}

interface AddDraft {
  clientId: string | null;
  clientName: string;
  name: string;
  relationship: string;
  note: string;
  attends: boolean;
}

const emptyAdd: AddDraft = { clientId: null, clientName: '', name: '', relationship: '', note: '', attends: false };

function AddMemberForm({ unit, what, onCancel, onAdded }: { unit: Unit; what: 'client' | 'related'; onCancel: () => void; onAdded: (name: string) => void }) {
  const saved = useUnitSaved(unit);
  const [draft, setDraft, clearDraft] = useDraft<AddDraft>(`unit:${unit.id}:add-${what}`, emptyAdd);
  const [localError, setLocalError] = useState<string | null>(null);
  const intent = useIdempotencyKey();
  const set = <K extends keyof AddDraft>(k: K, v: AddDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const kind = unitKindLabels[unit.kind].toLowerCase();

  const add = useMutation({
    mutationFn: async () => {
      if (what === 'client') {
        let next = await api.post<Unit>(`${unitUrl(unit.id)}/members`, { clientId: draft.clientId }, { idempotencyKey: intent.key() });
        intent.done();
        // The add route takes the client alone; their relationship and note are written onto the membership next.
        const member = next.members.find((m) => m.clientId === draft.clientId && isCurrent(m));
        if (member && (draft.relationship.trim() || draft.note.trim())) {
          next = await api.patch<Unit>(`${unitUrl(unit.id)}/members/${member.id}`, { relationship: draft.relationship.trim(), note: draft.note });
        }
        return next;
      }
      const next = await api.post<Unit>(
        `${unitUrl(unit.id)}/members`,
        { relatedPerson: { name: draft.name.trim(), relationship: draft.relationship.trim(), note: draft.note, attends: draft.attends } },
        { idempotencyKey: intent.key() },
      );
      intent.done();
      return next;
    },
    onSuccess: (next) => {
      saved(next);
      const name = what === 'client' ? draft.clientName : draft.name.trim();
      clearDraft();
      onAdded(name);
    },
  });
  const err = add.error;

  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)" mb="sm">
      <form
        aria-label={what === 'client' ? `Add a client to the ${kind}` : `Add a related person to the ${kind}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setLocalError(null);
          if (what === 'client' && !draft.clientId) return setLocalError('Choose the client to add.');
          if (what === 'related' && draft.name.trim() === '') return setLocalError('Give their name, even a first name.');
          add.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h5">
            {what === 'client' ? `Add a client to ${unit.name}` : `Add a related person to ${unit.name}`}
          </Title>
          {what === 'client' ? (
            <ClientPicker
              label="Client"
              description="They keep their own record; you need to be in their care to add them."
              value={draft.clientId}
              initialName={draft.clientName || undefined}
              onChange={(id, name) => setDraft((d) => ({ ...d, clientId: id, clientName: name ?? '' }))}
              error={fieldError(err, 'clientId')}
              required
              comboboxProps={{ withinPortal: true }}
            />
          ) : (
            <>
              <Text size="sm" c="dimmed">
                Someone without an account here: a child, a partner who does not come. They have no record or portal.
              </Text>
              <TextInput label="Name" required maxLength={120} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={fieldError(err, 'relatedPerson.name')} />
            </>
          )}
          <TextInput
            label="Relationship"
            description="For example “partner”, “son, 12”, “group member”"
            maxLength={120}
            value={draft.relationship}
            onChange={(e) => set('relationship', e.currentTarget.value)}
            error={fieldError(err, 'relatedPerson.relationship') ?? fieldError(err, 'relationship')}
          />
          <Textarea
            label="Note (optional)"
            autosize
            minRows={1}
            maxLength={2000}
            value={draft.note}
            onChange={(e) => set('note', e.currentTarget.value)}
            error={fieldError(err, 'relatedPerson.note') ?? fieldError(err, 'note')}
          />
          {what === 'related' && (
            <Checkbox
              label="Comes to sessions"
              description="They are put on the attendance list of the unit’s new sessions."
              checked={draft.attends}
              onChange={(e) => set('attends', e.currentTarget.checked)}
            />
          )}
          {localError && (
            <Text role="alert" c="red" size="sm">
              {localError}
            </Text>
          )}
          <FieldAwareError error={err} fields={['clientId', 'relatedPerson.name', 'relatedPerson.relationship', 'relatedPerson.note', 'relationship', 'note']} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add to the {kind}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

interface MemberDraft {
  name: string;
  relationship: string;
  note: string;
  attends: boolean;
}

function EditMemberModal({ unit, member, onClose, onSaved }: { unit: Unit; member: UnitMember | null; onClose: () => void; onSaved: (name: string) => void }) {
  return (
    <Modal opened={member !== null} onClose={onClose} title={member ? `${member.name} in ${unit.name}` : ''} size="lg">
      {member && <EditMemberForm key={member.id} unit={unit} member={member} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function EditMemberForm({ unit, member, onClose, onSaved }: { unit: Unit; member: UnitMember; onClose: () => void; onSaved: (name: string) => void }) {
  const saved = useUnitSaved(unit);
  const [draft, setDraft] = useState<MemberDraft>({ name: member.name, relationship: member.relationship, note: member.note, attends: member.attends });
  const set = <K extends keyof MemberDraft>(k: K, v: MemberDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const related = member.kind === 'related';

  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = { relationship: draft.relationship.trim(), note: draft.note };
      if (related) Object.assign(body, { name: draft.name.trim(), attends: draft.attends });
      return api.patch<Unit>(`${unitUrl(unit.id)}/members/${member.id}`, body);
    },
    onSuccess: (next) => {
      saved(next);
      onSaved(related ? draft.name.trim() : member.name);
      onClose();
    },
  });
  const err = save.error;

  return (
    <form
      aria-label={`Change ${member.name}’s details`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        {related ? (
          <TextInput label="Name" required maxLength={120} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={fieldError(err, 'name')} />
        ) : (
          <Text size="sm" c="dimmed">
            {member.name}’s name comes from their own record.
          </Text>
        )}
        <TextInput
          label="Relationship"
          description="For example “partner”, “son, 12”, “group member”"
          maxLength={120}
          value={draft.relationship}
          onChange={(e) => set('relationship', e.currentTarget.value)}
          error={fieldError(err, 'relationship')}
        />
        <Textarea label="Note" autosize minRows={2} maxLength={2000} value={draft.note} onChange={(e) => set('note', e.currentTarget.value)} error={fieldError(err, 'note')} />
        {related ? (
          <Checkbox
            label="Comes to sessions"
            description="Put on the attendance list of the unit’s new sessions; sessions already scheduled keep their list."
            checked={draft.attends}
            onChange={(e) => set('attends', e.currentTarget.checked)}
          />
        ) : (
          <Text size="sm" c="dimmed">
            As a client, {member.name} is on the attendance list of every session of the unit.
          </Text>
        )}
        <FieldAwareError error={err} fields={['name', 'relationship', 'note']} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save {related ? 'their' : `${member.name}’s`} details
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LeaveModal({ unit, member, onClose, onLeft }: { unit: Unit; member: UnitMember | null; onClose: () => void; onLeft: (name: string) => void }) {
  const saved = useUnitSaved(unit);
  const kind = unitKindLabels[unit.kind].toLowerCase();
  const leave = useMutation({
    mutationFn: (m: UnitMember) => api.post<Unit>(`${unitUrl(unit.id)}/members/${m.id}/leave`, {}),
    onSuccess: (next, m) => {
      saved(next);
      onLeft(m.name);
      onClose();
    },
  });
  return (
    <Modal
      opened={member !== null}
      onClose={() => {
        leave.reset();
        onClose();
      }}
      title={member ? `Has ${member.name} left ${unit.name}?` : ''}
    >
      {member && (
        <Stack gap="sm">
          <Text size="sm">
            {member.name} will not be put on the attendance list of new sessions. They stay on the sessions they were part of, and {unit.name}’s page will show when they left.
            {member.kind === 'client' ? ` Their own record is not changed.` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            This is kept as it happened; if they come back, add them to the {kind} again.
          </Text>
          <FieldAwareError error={leave.error} fields={[]} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Keep {member.name} in the {kind}
            </Button>
            <Button color="orange" loading={leave.isPending} onClick={() => leave.mutate(member)}>
              {member.name} has left
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
