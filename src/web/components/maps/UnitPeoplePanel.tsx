import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLink, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { levelLabels } from '../../../domain/maps/map';
import type { RelationalMap } from '../../../domain/maps/map';
import type { MapUpdate } from './MapCanvas';
import { newId } from './mapEdit';
import { type UnitForMap, type UnitPerson, addUnitPerson, levelForUnit, linkToClient, placeOnMap } from './unitPeople';

const statusId = (unitId: string, memberId: string) => `unit-person-${unitId}-${memberId}`;

/**
 * Each member's map can show the others: for every couple, family or group the client is in, the
 * other members, each with "Add to the map" (a person on the unit's ring, linked to their record
 * when they are a client) or "Already on the map". Adding edits the working copy, which autosaves.
 */
export function UnitPeoplePanel({
  units,
  clientId,
  map,
  onChange,
}: {
  /** The units the client is a current member of. */
  units: UnitForMap[];
  clientId: string;
  map: RelationalMap;
  /** null: read only. */
  onChange: MapUpdate | null;
}) {
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  useEffect(() => {
    if (!focusAfter) return;
    document.getElementById(focusAfter)?.focus();
    setFocusAfter(null);
  }, [focusAfter, map]);

  const shown = units
    .map((u) => ({ unit: u, others: u.members.filter((m) => m.leftAt === null && m.clientId !== clientId) }))
    .filter((x) => x.others.length > 0);
  if (shown.length === 0) return null;

  const add = (unit: UnitForMap, person: UnitPerson & { id: string }) => {
    if (!onChange) return;
    // The id is made once, outside the update, so a repeated update adds the same node.
    const id = newId('n');
    onChange((m) => (placeOnMap(m, person).state === 'missing' ? addUnitPerson(m, person, unit.kind, id).map : m));
    setFocusAfter(statusId(unit.id, person.id));
  };
  const link = (unit: UnitForMap, person: UnitPerson & { id: string }, nodeId: string) => {
    if (!onChange || person.clientId === null) return;
    const target = person.clientId;
    onChange((m) => linkToClient(m, nodeId, target));
    setFocusAfter(statusId(unit.id, person.id));
  };

  return (
    <SimpleGrid cols={{ base: 1, md: shown.length > 1 ? 2 : 1 }} spacing="lg">
      {shown.map(({ unit, others }) => {
        const titleId = `unit-people-${unit.id}`;
        return (
          <Paper key={unit.id} withBorder radius="md" p="md" component="section" aria-labelledby={titleId}>
            <Stack gap="sm">
              <Stack gap={2}>
                <Title order={3} size="h5" id={titleId}>
                  People in {unit.name}
                </Title>
                <Text size="sm" c="dimmed">
                  The others in this {unit.kind}. {onChange ? `Added, they stand at the ${levelLabels[levelForUnit(unit.kind)].toLowerCase()} level; move them and draw their ties as with anyone.` : ''}
                </Text>
              </Stack>
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {others.map((person) => {
                  const place = placeOnMap(map, person);
                  const who = person.relationship.trim() ? `${person.name} (${person.relationship.trim()})` : person.name;
                  return (
                    <Group component="li" key={person.id} justify="space-between" wrap="wrap" gap="xs">
                      <Stack gap={0}>
                        {person.clientId ? (
                          <Anchor component={Link} to={`/clients/${person.clientId}`} size="sm" fw={500}>
                            {who}
                          </Anchor>
                        ) : (
                          <Text size="sm" fw={500}>
                            {who}
                          </Text>
                        )}
                        <Text size="xs" c="dimmed">
                          {person.clientId ? 'Client' : 'Related person · no account'}
                        </Text>
                      </Stack>
                      {place.state === 'on_map' ? (
                        <Text id={statusId(unit.id, person.id)} tabIndex={-1} size="sm" c="teal.8">
                          Already on the map
                        </Text>
                      ) : place.state === 'same_name' ? (
                        <Group gap="xs" wrap="wrap">
                          <Text size="sm" c="dimmed">
                            A “{place.node.label}” is on the map
                          </Text>
                          {onChange && (
                            <Button
                              size="compact-sm"
                              variant="light"
                              leftSection={<IconLink size={14} aria-hidden />}
                              aria-label={`Link ${place.node.label} on the map to ${person.name}’s record`}
                              onClick={() => link(unit, person, place.node.id)}
                            >
                              Link to their record
                            </Button>
                          )}
                        </Group>
                      ) : onChange ? (
                        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden />} aria-label={`Add ${person.name} to the map`} onClick={() => add(unit, person)}>
                          Add to the map
                        </Button>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not on the map
                        </Text>
                      )}
                    </Group>
                  );
                })}
              </Stack>
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
