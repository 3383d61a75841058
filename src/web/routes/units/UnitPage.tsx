import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconDeviceFloppy, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unitKindLabels } from '../../../domain/units/units';
import { ApiError, api } from '../../api';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import { formatDate, formatDateTime } from '../../components/dates';
import { FormError, fieldError } from '../../components/FormError';
import { useDocumentTitle } from '../../components/PageHeader';
import { LoadError, Loading } from '../../components/States';
import { useDraft } from '../../components/useDraft';
import { type Unit, unitKeys, unitUrl } from './types';
import { UnitMembers } from './UnitMembers';
import { UnitSessions } from './UnitSessions';
import { andList, isCurrent } from './words';

/** A couple, family or group: who is in it, its sessions and their attendance, scheduling for it. */
export function UnitPage() {
  const { unitId = '' } = useParams();
  const unit = useQuery({ queryKey: unitKeys.unit(unitId), queryFn: () => api.get<Unit>(unitUrl(unitId)), enabled: Boolean(unitId) });
  useDocumentTitle(unit.data?.name ?? 'Couple, family or group');

  if (unit.isPending) return <Loading label="Opening the couple, family or group…" />;
  if (unit.isError) {
    const gone = unit.error instanceof ApiError && unit.error.status === 404;
    return (
      <Stack>
        <Anchor component={Link} to="/clients">
          Back to clients
        </Anchor>
        {gone ? (
          <FormError error={new Error('This couple, family or group could not be found, or it is not one you work with.')} />
        ) : (
          <LoadError error={unit.error} onRetry={() => void unit.refetch()} />
        )}
      </Stack>
    );
  }
  const u = unit.data;
  const canEdit = u.canEdit;
  const clientsNow = u.members.filter((m) => isCurrent(m) && m.kind === 'client');

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/clients">
          Clients
        </Anchor>
        {clientsNow.length === 1 && clientsNow[0]?.clientId ? (
          <Anchor component={Link} to={`/clients/${clientsNow[0].clientId}?tab=profile`}>
            {clientsNow[0].name}
          </Anchor>
        ) : null}
        <Text>{u.name}</Text>
      </Breadcrumbs>
      <UnitHeader unit={u} canEdit={canEdit} />
      <UnitMembers unit={u} canEdit={canEdit} />
      <UnitSessions unit={u} canEdit={canEdit} />
    </Stack>
  );
}

interface HeaderDraft {
  /** The version the person started from; after a conflict, the saved one (so saving again is on purpose). */
  baseVersion: number;
  name: string;
  note: string;
}

/** The unit's name, kind and note; editing them saves with the version read, and a stale save keeps what was typed. */
function UnitHeader({ unit, canEdit }: { unit: Unit; canEdit: boolean }) {
  const qc = useQueryClient();
  const [draft, setDraft, clearDraft] = useDraft<HeaderDraft | null>(`unit:${unit.id}:header`, null);
  const [conflict, setConflict] = useState<Unit | null>(null);
  const [saved, setSaved] = useState(false);
  const kind = unitKindLabels[unit.kind];
  const clientCount = unit.members.filter((m) => isCurrent(m) && m.kind === 'client').length;
  const relatedCount = unit.members.filter((m) => isCurrent(m) && m.kind === 'related').length;

  const save = useMutation({
    mutationFn: (d: HeaderDraft) => api.patch<Unit>(unitUrl(unit.id), { version: d.baseVersion, name: d.name.trim(), note: d.note }),
    onSuccess: (u) => {
      qc.setQueryData(unitKeys.unit(unit.id), u);
      void qc.invalidateQueries({ queryKey: ['units'] });
      clearDraft();
      setConflict(null);
      setSaved(true);
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || error.status !== 409) return;
      const current = (error.body as { current?: Unit } | undefined)?.current;
      if (!current) return;
      // Someone saved first: show theirs, keep what this person typed, and let the next save go over theirs on purpose.
      qc.setQueryData(unitKeys.unit(unit.id), current);
      setConflict(current);
      setDraft((d) => (d ? { ...d, baseVersion: current.version } : d));
    },
  });

  const people = [
    clientCount === 1 ? '1 client' : `${clientCount} clients`,
    ...(relatedCount ? [relatedCount === 1 ? '1 related person' : `${relatedCount} related people`] : []),
  ];

  return (
    <Paper withBorder radius="md" p="lg">
      {draft ? (
        <form
          aria-label={`Edit the ${kind.toLowerCase()}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            save.mutate(draft);
          }}
        >
          <Stack gap="sm">
            <Title order={1} size="h3">
              {unit.name}
            </Title>
            {conflict && (
              <Alert role="alert" color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Someone changed this meanwhile">
                <Stack gap={4}>
                  <Text size="sm">
                    It was saved elsewhere{` on ${formatDateTime(conflict.updatedAt)}`}. What you typed is still in the form; saving now puts it over the saved copy.
                  </Text>
                  <Text size="sm">
                    <b>Saved name:</b> {conflict.name}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    <b>Saved note:</b> {conflict.note.trim() || '(empty)'}
                  </Text>
                  <Group gap="xs" mt={4}>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => {
                        setDraft({ baseVersion: conflict.version, name: conflict.name, note: conflict.note });
                        setConflict(null);
                        save.reset();
                      }}
                    >
                      Take the saved copy
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            <TextInput
              label={`Name of the ${kind.toLowerCase()}`}
              required
              maxLength={120}
              value={draft.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setDraft((d) => (d ? { ...d, name } : d));
              }}
              error={fieldError(save.error, 'name')}
            />
            <Textarea
              label="Note"
              description="What brings them here together, or anything the practitioners should know."
              autosize
              minRows={2}
              maxLength={2000}
              value={draft.note}
              onChange={(e) => {
                const note = e.currentTarget.value;
                setDraft((d) => (d ? { ...d, note } : d));
              }}
              error={fieldError(save.error, 'note')}
            />
            {!(save.error instanceof ApiError && save.error.status === 409) && <FieldAwareError error={save.error} fields={['name', 'note']} />}
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  clearDraft();
                  setConflict(null);
                  save.reset();
                }}
              >
                Discard changes
              </Button>
              <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
                Save name and note
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Group gap="sm" align="baseline" wrap="wrap">
              <Title order={1} size="h2">
                {unit.name}
              </Title>
              <Badge variant="light" color="dusk" size="lg" radius="sm" tt="none">
                {kind}
              </Badge>
            </Group>
            {canEdit && (
              <Button
                variant="light"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => {
                  setSaved(false);
                  setConflict(null);
                  save.reset();
                  setDraft({ baseVersion: unit.version, name: unit.name, note: unit.note });
                }}
              >
                Edit name and note
              </Button>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {kind} of {andList(people)} · since {formatDate(unit.createdAt)}. Each client keeps their own record, consent and portal.
          </Text>
          {unit.note.trim() ? (
            <Text style={{ whiteSpace: 'pre-wrap' }}>{unit.note}</Text>
          ) : (
            <Text size="sm" c="dimmed" fs="italic">
              No note yet.
            </Text>
          )}
          {saved && (
            <Text role="status" size="sm" c="teal.8">
              Saved.
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
