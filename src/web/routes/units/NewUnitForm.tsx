import { ActionIcon, Alert, Button, Checkbox, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconInfoCircle, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { MAX_UNIT_MEMBERS, membershipProblem, unitKindLabels, unitKinds, type UnitKind } from '../../../domain/units/units';
import { api } from '../../api';
import { ClientPicker } from '../../components/ClientPicker';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import { fieldError } from '../../components/FormError';
import { useIdempotencyKey } from '../../components/useAutosave';
import { useDraft } from '../../components/useDraft';
import { type RelatedPersonBody, type Unit, unitKeys, unitUrl } from './types';
import { suggestUnitName } from './words';

interface ClientRowDraft {
  id: string;
  name: string;
  relationship: string;
}

interface RelatedRowDraft {
  /** Keeps a row's inputs in place while rows above it are removed. */
  key: string;
  name: string;
  relationship: string;
  attends: boolean;
}

interface NewUnitDraft {
  kind: UnitKind;
  name: string;
  /** The person wrote their own name: stop suggesting one. */
  nameTyped: boolean;
  note: string;
  /** This client first, then the others added. */
  clients: ClientRowDraft[];
  related: RelatedRowDraft[];
}

const kindHelp: Record<UnitKind, string> = {
  couple: 'Two people seen together. Both can be clients of the practice, or one a client and the other a related person.',
  family: 'Parents, children, grandparents, whoever counts as family to them. Children and those who do not come can be related people.',
  group: 'People who meet as a group. Each member who is a client keeps their own record and portal.',
};

/** How a relationship might be written, said beside the rows. */
const relationshipHint: Record<UnitKind, string> = {
  couple: 'A relationship can be as simple as “partner” or “wife”',
  family: 'A relationship can be as simple as “mother” or “son, 12”',
  group: 'A relationship can be as simple as “group member”',
};

/** A fieldset that groups a row for assistive technology without drawing a box. */
const fieldsetStyle = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;

/** Everyone in the form, named (rows with no name yet are left out). */
function peopleNamed(d: NewUnitDraft): string[] {
  return [...d.clients.map((c) => c.name), ...d.related.map((r) => r.name)].filter((n) => n.trim() !== '');
}

/**
 * Makes a couple, family or group with this client in it: the kind, a name (suggested from the
 * people until the person writes their own), the other clients, and related people without an
 * account. The rules of a unit are said in words and checked before sending; the server checks them
 * again. The draft survives a reload.
 */
export function NewUnitForm({ client, onCancel, onCreated }: { client: { id: string; name: string }; onCancel: () => void; onCreated: (unit: Unit) => void }) {
  const qc = useQueryClient();
  const initial: NewUnitDraft = {
    kind: 'couple',
    name: '',
    nameTyped: false,
    note: '',
    clients: [{ id: client.id, name: client.name, relationship: '' }],
    related: [],
  };
  const [draft, setDraft, clearDraft] = useDraft<NewUnitDraft>(`client:${client.id}:new-unit`, initial);
  const [pickerKey, setPickerKey] = useState(0);
  const [tried, setTried] = useState(false);
  const intent = useIdempotencyKey();
  const kindLabelId = useId();

  const suggested = suggestUnitName(draft.kind, peopleNamed(draft));
  const name = draft.nameTyped ? draft.name : suggested;
  const update = (f: (d: NewUnitDraft) => NewUnitDraft) => setDraft((d) => f(d));

  const members = [...draft.clients.map(() => ({ kind: 'client' as const, leftAt: null })), ...draft.related.map(() => ({ kind: 'related' as const, leftAt: null }))];
  const problem = membershipProblem(draft.kind, members);
  const emptyRelated = draft.related.findIndex((r) => r.name.trim() === '');

  const create = useMutation({
    mutationFn: async (): Promise<Unit> => {
      const relatedPeople: RelatedPersonBody[] = draft.related.map((r) => ({ name: r.name, relationship: r.relationship, attends: r.attends }));
      const clientRelationships = Object.fromEntries(draft.clients.flatMap((c) => (c.relationship.trim() ? [[c.id, c.relationship.trim()]] : [])));
      const unit = await api.post<Unit>(
        '/api/units',
        { kind: draft.kind, name: name.trim(), note: draft.note, clientIds: draft.clients.map((c) => c.id), clientRelationships, relatedPeople },
        { idempotencyKey: intent.key() },
      );
      intent.done();
      return unit;
    },
    onSuccess: async (unit) => {
      clearDraft();
      qc.setQueryData(unitKeys.unit(unit.id), unit);
      await Promise.all(draft.clients.map((c) => qc.invalidateQueries({ queryKey: unitKeys.ofClient(c.id) })));
      onCreated(unit);
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem || emptyRelated >= 0 || name.trim() === '') return;
    create.mutate();
  };

  const err = create.error;
  const fields = ['kind', 'name', 'note', 'clientIds', ...draft.related.flatMap((_, i) => [`relatedPeople.${i}.name`, `relatedPeople.${i}.relationship`])];
  const kindWord = unitKindLabels[draft.kind].toLowerCase();

  return (
    <form onSubmit={submit} aria-label="New couple, family or group" noValidate>
      <Stack gap="md">
        <Stack gap={6}>
          <Text size="sm" fw={500} id={kindLabelId}>
            What kind
          </Text>
          <SegmentedControl
            aria-labelledby={kindLabelId}
            value={draft.kind}
            onChange={(v) => update((d) => ({ ...d, kind: v as UnitKind }))}
            data={unitKinds.map((k) => ({ value: k, label: unitKindLabels[k] }))}
            w="fit-content"
          />
          <Text size="sm" c="dimmed">
            {kindHelp[draft.kind]}
          </Text>
        </Stack>

        <TextInput
          label={`Name of the ${kindWord}`}
          description={draft.nameTyped ? 'As they call themselves, or as you will recognise them.' : 'Suggested from their names. Change it to what they call themselves.'}
          required
          maxLength={120}
          value={name}
          onChange={(e) => {
            const value = e.currentTarget.value;
            update((d) => ({ ...d, name: value, nameTyped: value !== '' }));
          }}
          error={fieldError(err, 'name') ?? (tried && name.trim() === '' ? 'Give it a name, even “The two of them”.' : undefined)}
        />

        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Title order={4} size="h5">
              Clients in it
            </Title>
            <Text size="sm" c="dimmed">
              Each client keeps their own record, consent and portal account; the {kindWord} only says who is seen together. {relationshipHint[draft.kind]}.
            </Text>
            {draft.clients.map((c, i) => (
              <Group key={c.id} align="flex-end" gap="sm" wrap="wrap" component="fieldset" style={fieldsetStyle} aria-label={c.name}>
                <Text fw={500} w={240} pb={8} style={{ flexShrink: 0 }}>
                  {c.name}
                  {i === 0 && (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      · this client
                    </Text>
                  )}
                </Text>
                <TextInput
                  label="Relationship"
                  maxLength={120}
                  value={c.relationship}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    update((d) => ({ ...d, clients: d.clients.map((x) => (x.id === c.id ? { ...x, relationship: value } : x)) }));
                  }}
                  style={{ flex: 1, minWidth: 200 }}
                />
                {i > 0 && (
                  <Tooltip label={`Take ${c.name} out`}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      mb={2}
                      aria-label={`Take ${c.name} out of the ${kindWord}`}
                      onClick={() => update((d) => ({ ...d, clients: d.clients.filter((x) => x.id !== c.id) }))}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            ))}
            <ClientPicker
              key={pickerKey}
              label="Add another client"
              description="Type part of their name. Only clients whose record you can open are found."
              value={null}
              onChange={(id, picked) => {
                if (!id || !picked) return;
                update((d) => (d.clients.some((x) => x.id === id) ? d : { ...d, clients: [...d.clients, { id, name: picked, relationship: '' }] }));
                setPickerKey((k) => k + 1);
              }}
              error={fieldError(err, 'clientIds')}
              comboboxProps={{ withinPortal: true }}
            />
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Title order={4} size="h5">
              Related people without an account
            </Title>
            <Text size="sm" c="dimmed">
              Someone who belongs with them but is not a client here: a child, a partner who does not come. They have no record or portal; their name appears on the {kindWord}’s
              page and, if they come, on its attendance lists. {relationshipHint[draft.kind]}.
            </Text>
            {draft.related.length === 0 && (
              <Text size="sm" c="dimmed" fs="italic">
                No related people.
              </Text>
            )}
            {draft.related.map((r, i) => {
              const label = r.name.trim() || `related person ${i + 1}`;
              return (
                <Group key={r.key} align="flex-start" gap="sm" wrap="wrap" component="fieldset" style={fieldsetStyle} aria-label={`Related person ${i + 1}`}>
                  <TextInput
                    label="Name"
                    required
                    maxLength={120}
                    value={r.name}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      update((d) => ({ ...d, related: d.related.map((x) => (x.key === r.key ? { ...x, name: value } : x)) }));
                    }}
                    error={fieldError(err, `relatedPeople.${i}.name`) ?? (tried && r.name.trim() === '' ? 'Give their name, even a first name.' : undefined)}
                    style={{ flex: 1, minWidth: 180 }}
                  />
                  <TextInput
                    label="Relationship"
                    maxLength={120}
                    value={r.relationship}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      update((d) => ({ ...d, related: d.related.map((x) => (x.key === r.key ? { ...x, relationship: value } : x)) }));
                    }}
                    error={fieldError(err, `relatedPeople.${i}.relationship`)}
                    style={{ flex: 1, minWidth: 180 }}
                  />
                  <Checkbox
                    label="Comes to sessions"
                    mt={32}
                    checked={r.attends}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      update((d) => ({ ...d, related: d.related.map((x) => (x.key === r.key ? { ...x, attends: checked } : x)) }));
                    }}
                  />
                  <Tooltip label={`Remove ${label}`}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      mt={26}
                      aria-label={`Remove ${label}`}
                      onClick={() => update((d) => ({ ...d, related: d.related.filter((x) => x.key !== r.key) }))}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              );
            })}
            <Group>
              <Button
                variant="light"
                size="sm"
                leftSection={<IconPlus size={16} aria-hidden />}
                disabled={members.length >= MAX_UNIT_MEMBERS}
                onClick={() => update((d) => ({ ...d, related: [...d.related, { key: crypto.getRandomValues(new Uint32Array(1))[0]?.toString(36) ?? String(Date.now()), name: '', relationship: '', attends: false }] }))}
              >
                Add a related person
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Textarea
          label="Note (optional)"
          description="What brings them here together, or anything the practitioners should know about the unit."
          autosize
          minRows={2}
          maxLength={2000}
          value={draft.note}
          onChange={(e) => {
            const value = e.currentTarget.value;
            update((d) => ({ ...d, note: value }));
          }}
          error={fieldError(err, 'note')}
        />

        <Alert variant="light" color={problem ? 'red' : 'gray'} icon={<IconInfoCircle size={18} aria-hidden />} role={problem ? 'alert' : undefined}>
          <Text size="sm">
            {problem
              ? problem
              : `A couple is two people; a family or group holds up to ${MAX_UNIT_MEMBERS}. At least one of them is a client of the practice: here, ${client.name}.`}
          </Text>
        </Alert>
        <FieldAwareError error={err} fields={fields} />
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            onClick={() => {
              clearDraft();
              create.reset();
              onCancel();
            }}
          >
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} leftSection={<IconUsersGroup size={16} aria-hidden />}>
            Make the {kindWord}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
