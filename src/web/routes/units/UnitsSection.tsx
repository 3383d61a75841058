import { Alert, Anchor, Badge, Button, Collapse, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconUsersPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { unitKindLabels } from '../../../domain/units/units';
import { api } from '../../api';
import type { Client } from '../../components/clinical/types';
import { formatDate } from '../../components/dates';
import { Section } from '../../components/Section';
import { LoadError, Loading } from '../../components/States';
import { NewUnitForm } from './NewUnitForm';
import { type Unit, clientUnitsUrl, unitKeys } from './types';
import { andList, isCurrentMember, memberWithRelationship, othersInUnit } from './words';

/** The units a client belongs to, as `GET /api/clients/:id/units` answers (shared with the map). */
export function useClientUnits(clientId: string) {
  return useQuery({ queryKey: unitKeys.ofClient(clientId), queryFn: () => api.get<Unit[]>(clientUnitsUrl(clientId)) });
}

/**
 * On the client's Profile: the couples, families and groups they are seen with, the others in each
 * by name and relationship, and making a new one with this client in it.
 */
export function UnitsSection({ client }: { client: Client }) {
  const units = useClientUnits(client.id);
  // Those in the client's care, and admins, bring clients together; a supervisor reads.
  const canCreate = (client.access === 'care' || client.access === 'admin') && client.currentPhase !== 'ended';
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<Unit | null>(null);

  const list = units.data ?? [];
  const current = list.filter((u) => isCurrentMember(u, client.id));
  const former = list.filter((u) => !isCurrentMember(u, client.id));

  return (
    <Section
      id="units"
      title="Couples, families and groups"
      description={`Those ${client.name} is seen with. Each person keeps their own record, consent and portal; sessions of the unit are on its page.`}
      actions={
        canCreate && !creating ? (
          <Button
            variant="light"
            leftSection={<IconUsersPlus size={16} aria-hidden />}
            onClick={() => {
              setMade(null);
              setCreating(true);
            }}
          >
            New couple, family or group
          </Button>
        ) : undefined
      }
    >
      {made && (
        <Alert role="status" color="teal" variant="light" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMade(null)}>
          <Text size="sm">
            {made.name} is made.{' '}
            <Anchor component={Link} to={`/units/${made.id}`} size="sm">
              Open {made.name}
            </Anchor>{' '}
            to schedule its sessions.
          </Text>
        </Alert>
      )}

      <Collapse in={creating}>
        <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)">
          <Title order={3} size="h4" mb="sm">
            New couple, family or group with {client.name}
          </Title>
          {creating && (
            <NewUnitForm
              client={{ id: client.id, name: client.name }}
              onCancel={() => setCreating(false)}
              onCreated={(unit) => {
                setCreating(false);
                setMade(unit);
              }}
            />
          )}
        </Paper>
      </Collapse>

      {units.isPending ? (
        <Loading label="Looking for their couples, families and groups…" />
      ) : units.isError ? (
        <LoadError error={units.error} onRetry={() => void units.refetch()} />
      ) : list.length === 0 ? (
        <Text c="dimmed" size="sm">
          {client.name} is not part of a couple, family or group here.{' '}
          {canCreate ? 'When they are seen with a partner, their family or a group, make one so the sessions, attendance and notes are kept together.' : ''}
        </Text>
      ) : (
        <Stack gap="sm">
          {current.length > 0 && <UnitList units={current} clientId={client.id} clientName={client.name} />}
          {former.length > 0 && (
            <Stack gap={6}>
              <Text size="sm" fw={600} c="dimmed">
                Earlier
              </Text>
              <UnitList units={former} clientId={client.id} clientName={client.name} />
            </Stack>
          )}
        </Stack>
      )}
    </Section>
  );
}

function UnitList({ units, clientId, clientName }: { units: Unit[]; clientId: string; clientName: string }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
      {units.map((u) => {
        const others = othersInUnit(u, clientId);
        const mine = u.members.find((m) => m.clientId === clientId);
        const left = mine && mine.leftAt !== null ? mine.leftAt : null;
        const related = others.filter((m) => m.kind === 'related');
        return (
          <Paper component="li" key={u.id} withBorder radius="md" p="sm">
            <Stack gap={4}>
              <Group gap="sm" wrap="wrap">
                <Badge variant="light" color="dusk" tt="none" radius="sm">
                  {unitKindLabels[u.kind]}
                </Badge>
                <Anchor component={Link} to={`/units/${u.id}`} fw={600}>
                  {u.name}
                </Anchor>
                {mine?.relationship.trim() && (
                  <Text size="sm" c="dimmed">
                    {clientName}: {mine.relationship.trim()}
                  </Text>
                )}
              </Group>
              <Text size="sm">
                {left
                  ? `${clientName} left on ${formatDate(left)}.`
                  : others.length === 0
                    ? `Nobody else is in it now.`
                    : `With ${andList(others.map(memberWithRelationship))}.`}
              </Text>
              {!left && related.length > 0 && (
                <Text size="xs" c="dimmed">
                  {andList(related.map((m) => m.name))} {related.length === 1 ? 'is a related person' : 'are related people'} without an account.
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
