import { ActionIcon, Autocomplete, Button, Checkbox, Group, NativeSelect, NumberInput, Pagination, Paper, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconLink, IconPlus, IconTrash } from '@tabler/icons-react';
import { memo, useEffect, useMemo, useState } from 'react';
import {
  type MapLevel,
  type MapNode,
  type MapTie,
  type NodeKind,
  type RelationalMap,
  type TieKind,
  genders,
  institutionSectors,
  knownEmotionalPatterns,
  levelLabels,
  mapLevels,
  nodeKindLabels,
  nodeKinds,
  parentBonds,
  partnerStatuses,
  qualityLabels,
  sectorLabels,
  strengthLabels,
  tieKinds,
  tieQualities,
  tieStrengths,
} from '../../../domain/maps/map';
import { type SpokenDirection, addNode, addTie, blankNode, changeTieKind, existingTie, influenceFirst, newTie, removeNodes, removeTies, replaceTie, spokenDirection, storedDirection, updateNode } from './mapEdit';
import type { MapUpdate } from './MapCanvas';
import { directionChoices, genderLabels, parentBondLabels, partnerStatusLabels, patternFromInput, patternLabel, tieKindLabels, turnToLabels } from './mapWords';

const PAGE = 50;

const kindOptions = nodeKinds.filter((k) => k !== 'client').map((k) => ({ value: k, label: nodeKindLabels[k] }));
const levelOptions = mapLevels.map((l) => ({ value: l, label: levelLabels[l] }));
const sectorOptions = institutionSectors.map((s) => ({ value: s, label: sectorLabels[s] }));
const turnToOptions = [{ value: '', label: 'Not marked' }, ...(['client', 'practitioner', 'both'] as const).map((v) => ({ value: v, label: turnToLabels[v] }))];
const genderOptions = genders.map((g) => ({ value: g, label: genderLabels[g] }));
const tieKindOptions = tieKinds.map((k) => ({ value: k, label: tieKindLabels[k] }));
const strengthOptions = [...tieStrengths].reverse().map((s) => ({ value: s, label: strengthLabels[s] }));
const qualityOptions = tieQualities.map((q) => ({ value: q, label: qualityLabels[q] }));
const statusOptions = partnerStatuses.map((s) => ({ value: s, label: partnerStatusLabels[s] ?? s }));
const bondOptions = parentBonds.map((b) => ({ value: b, label: parentBondLabels[b] ?? b }));
const patternSuggestions = knownEmotionalPatterns.map((p) => patternLabel(p));

function rowErrors(problems: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(problems)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

const yearOf = (v: string | number): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : v === '' ? null : Number.isFinite(Number(v)) ? Math.round(Number(v)) : null);

/**
 * The relational map as two tables, for keyboard and screen-reader users and for family-structure
 * details: every row editable with labelled fields, rows added and removed with buttons. It edits
 * the same working copy as the canvas.
 */
export function MapTable({ map, onChange, problems }: { map: RelationalMap; onChange: MapUpdate | null; problems: Record<string, string> }) {
  const readOnly = onChange === null;
  const [focusId, setFocusId] = useState<string | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const hasFamily = map.ties.some((t) => !['connection', 'knows', 'influence'].includes(t.kind)) || map.nodes.some((n) => n.born !== null || n.deceased || n.gender !== 'unknown');
  const [showFamily, setShowFamily] = useState(hasFamily);
  const [nodePage, setNodePage] = useState(1);
  const [tiePage, setTiePage] = useState(1);

  useEffect(() => {
    if (!focusId) return;
    const el = document.getElementById(focusId);
    if (el) {
      el.focus();
      setFocusId(null);
    }
  });

  const nodeOptions = useMemo(() => map.nodes.map((n) => ({ value: n.id, label: n.label || 'Unnamed' })), [map.nodes]);
  const clientId = map.nodes.find((n) => n.kind === 'client')?.id ?? '';

  const addRow = () => {
    if (!onChange) return;
    const { node } = addNode(map, blankNode('person'));
    onChange((m) => ({ ...m, nodes: [...m.nodes, node] }));
    setFresh((s) => new Set(s).add(node.id));
    setNodePage(Math.ceil((map.nodes.length + 1) / PAGE));
    setFocusId(`map-node-${node.id}-label`);
  };
  const addTieRow = () => {
    if (!onChange) return;
    const others = map.nodes.filter((n) => n.id !== clientId);
    const free = others.find((n) => !existingTie(map, 'connection', clientId, n.id));
    let tie: MapTie | null = free ? newTie('connection', clientId, free.id) : null;
    if (!tie) {
      outer: for (const x of others)
        for (const y of others)
          if (x.id < y.id && !existingTie(map, 'knows', x.id, y.id)) {
            tie = newTie('knows', x.id, y.id);
            break outer;
          }
    }
    if (!tie) return;
    const made = tie;
    onChange((m) => addTie(m, made));
    setTiePage(Math.ceil((map.ties.length + 1) / PAGE));
    setFocusId(`map-tie-${made.id}-a`);
  };

  const updateRow = useMemo(() => (id: string, patch: Partial<MapNode>) => onChange?.((m) => updateNode(m, id, patch)), [onChange]);
  const removeRow = useMemo(() => (id: string) => onChange?.((m) => removeNodes(m, [id])), [onChange]);
  const updateTie = useMemo(() => (tie: MapTie) => onChange?.((m) => replaceTie(m, influenceFirst(m, tie))), [onChange]);
  const removeTieRow = useMemo(() => (id: string) => onChange?.((m) => removeTies(m, [id])), [onChange]);
  const settle = useMemo(
    () => (id: string) =>
      setFresh((s) => {
        if (!s.has(id)) return s;
        const next = new Set(s);
        next.delete(id);
        return next;
      }),
    [],
  );

  const nodeRows = map.nodes.slice((nodePage - 1) * PAGE, nodePage * PAGE);
  const tieRows = map.ties.slice((tiePage - 1) * PAGE, tiePage * PAGE);
  const generalProblems = Object.entries(problems).filter(([k]) => k === 'nodes' || k === 'ties' || k === 'map');

  return (
    <Stack gap="lg">
      <Group gap="xl" wrap="wrap">
        <Checkbox
          label="The client has said which of their people know each other"
          description="Then density and brokerage are worked out from the “Know each other” ties."
          checked={map.alterTiesRecorded}
          disabled={readOnly}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            onChange?.((m) => ({ ...m, alterTiesRecorded: checked }));
          }}
        />
        <Switch label="Show family-structure columns" checked={showFamily} onChange={(e) => setShowFamily(e.currentTarget.checked)} />
      </Group>
      {generalProblems.map(([k, v]) => (
        <Text key={k} c="red.8" size="sm" role="alert">
          {v}
        </Text>
      ))}

      <section aria-labelledby="map-table-nodes">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4" id="map-table-nodes">
            People, groups and places
          </Title>
          <Text size="sm" c="dimmed">
            {map.nodes.length - 1} besides the client
          </Text>
        </Group>
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={showFamily ? 1480 : 940}>
            <Table verticalSpacing={6} horizontalSpacing="xs" aria-labelledby="map-table-nodes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>Row</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Kind (and sector)</Table.Th>
                  <Table.Th>Level</Table.Th>
                  <Table.Th>Someone to turn to</Table.Th>
                  <Table.Th>Note</Table.Th>
                  {showFamily && (
                    <>
                      <Table.Th>Gender</Table.Th>
                      <Table.Th>Born</Table.Th>
                      <Table.Th>Died</Table.Th>
                      <Table.Th>Deceased</Table.Th>
                      <Table.Th>Identity unknown</Table.Th>
                    </>
                  )}
                  <Table.Th w={60}>Remove</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {nodeRows.map((node, j) => {
                  const i = (nodePage - 1) * PAGE + j;
                  return (
                    <NodeRow
                      key={node.id}
                      node={node}
                      row={i + 1}
                      errors={fresh.has(node.id) ? noErrors : rowErrors(problems, `nodes.${i}.`)}
                      showFamily={showFamily}
                      readOnly={readOnly}
                      onUpdate={updateRow}
                      onRemove={removeRow}
                      onSettle={settle}
                    />
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Group justify="space-between" mt="sm">
          {!readOnly ? (
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={addRow}>
              Add a person, group or place
            </Button>
          ) : (
            <span />
          )}
          {map.nodes.length > PAGE && <Pagination total={Math.ceil(map.nodes.length / PAGE)} value={nodePage} onChange={setNodePage} size="sm" aria-label="Pages of people, groups and places" />}
        </Group>
      </section>

      <section aria-labelledby="map-table-ties">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4" id="map-table-ties">
            Ties
          </Title>
          <Text size="sm" c="dimmed">
            {map.ties.length === 1 ? 'One tie' : `${map.ties.length} ties`}
          </Text>
        </Group>
        {map.ties.length === 0 ? (
          <Text c="dimmed" size="sm">
            No ties yet. {map.nodes.length < 2 ? 'Add someone first, then tie them to the client.' : 'Add a tie to say how the client and their people are connected.'}
          </Text>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={980}>
              <Table verticalSpacing={6} horizontalSpacing="xs" aria-labelledby="map-table-ties">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>Tie</Table.Th>
                    <Table.Th>From</Table.Th>
                    <Table.Th>To</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Details</Table.Th>
                    <Table.Th>Note</Table.Th>
                    <Table.Th w={60}>Remove</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tieRows.map((tie, j) => {
                    const i = (tiePage - 1) * PAGE + j;
                    return (
                      <TieRow
                        key={tie.id}
                        tie={tie}
                        row={i + 1}
                        nodes={map.nodes}
                        nodeOptions={nodeOptions}
                        errors={rowErrors(problems, `ties.${i}.`)}
                        readOnly={readOnly}
                        onUpdate={updateTie}
                        onRemove={removeTieRow}
                      />
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        <Group justify="space-between" mt="sm">
          {!readOnly ? (
            <Button variant="light" leftSection={<IconLink size={16} aria-hidden />} onClick={addTieRow} disabled={map.nodes.length < 2}>
              Add a tie
            </Button>
          ) : (
            <span />
          )}
          {map.ties.length > PAGE && <Pagination total={Math.ceil(map.ties.length / PAGE)} value={tiePage} onChange={setTiePage} size="sm" aria-label="Pages of ties" />}
        </Group>
      </section>
    </Stack>
  );
}

const noErrors: Record<string, string> = {};

function leftover(errors: Record<string, string>, shown: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([k]) => !shown.includes(k))
    .map(([, v]) => v);
}

const NodeRow = memo(
  function NodeRow({
    node,
    row,
    errors,
    showFamily,
    readOnly,
    onUpdate,
    onRemove,
    onSettle,
  }: {
    node: MapNode;
    row: number;
    errors: Record<string, string>;
    showFamily: boolean;
    readOnly: boolean;
    onUpdate: (id: string, patch: Partial<MapNode>) => void;
    onRemove: (id: string) => void;
    onSettle: (id: string) => void;
  }) {
    const isClient = node.kind === 'client';
    const personLike = isClient || node.kind === 'person';
    const at = `row ${row}`;
    const id = (f: string) => `map-node-${node.id}-${f}`;
    const shown = ['label', 'sector', 'note', ...(showFamily ? ['born', 'died', 'deceased'] : [])];
    const rest = leftover(errors, shown);
    return (
      <>
        <Table.Tr>
          <Table.Td>
            <Text size="sm" c="dimmed">
              {row}
            </Text>
          </Table.Td>
          <Table.Td>
            <TextInput
              miw={160}
              id={id('label')}
              aria-label={`Name, ${at}`}
              value={node.label}
              maxLength={120}
              disabled={readOnly}
              onChange={(e) => onUpdate(node.id, { label: e.currentTarget.value })}
              onBlur={() => onSettle(node.id)}
              error={errors.label}
            />
          </Table.Td>
          <Table.Td>
            {isClient ? (
              <Text size="sm">The client, at the centre</Text>
            ) : (
              <Stack gap={4}>
                <NativeSelect w={180} aria-label={`Kind, ${at}`} data={kindOptions} value={node.kind} disabled={readOnly} onChange={(e) => onUpdate(node.id, { kind: e.currentTarget.value as NodeKind })} />
                {node.kind === 'institution' && (
                  <NativeSelect
                    w={180}
                    aria-label={`Sector, ${at}`}
                    data={sectorOptions}
                    value={node.sector ?? 'other'}
                    disabled={readOnly}
                    onChange={(e) => onUpdate(node.id, { sector: e.currentTarget.value as MapNode['sector'] })}
                    error={errors.sector}
                  />
                )}
              </Stack>
            )}
          </Table.Td>
          <Table.Td>
            {isClient ? (
              <Text size="sm">Centre</Text>
            ) : (
              <NativeSelect w={120} aria-label={`Level, ${at}`} data={levelOptions} value={node.level} disabled={readOnly} onChange={(e) => onUpdate(node.id, { level: e.currentTarget.value as MapLevel })} />
            )}
          </Table.Td>
          <Table.Td>
            {isClient ? (
              <Text size="sm" c="dimmed">
                —
              </Text>
            ) : (
              <NativeSelect
                w={190}
                aria-label={`Someone to turn to, ${at}`}
                data={turnToOptions}
                value={node.turnTo ?? ''}
                disabled={readOnly}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  onUpdate(node.id, { turnTo: v === '' ? null : (v as MapNode['turnTo']) });
                }}
              />
            )}
          </Table.Td>
          <Table.Td miw={200}>
            <TextInput miw={160} aria-label={`Note, ${at}`} value={node.note} maxLength={2000} disabled={readOnly} onChange={(e) => onUpdate(node.id, { note: e.currentTarget.value })} error={errors.note} />
          </Table.Td>
          {showFamily &&
            (personLike ? (
              <>
                <Table.Td miw={130}>
                  <NativeSelect w={130} aria-label={`Gender, ${at}`} data={genderOptions} value={node.gender} disabled={readOnly} onChange={(e) => onUpdate(node.id, { gender: e.currentTarget.value as MapNode['gender'] })} />
                </Table.Td>
                <Table.Td w={100}>
                  <NumberInput aria-label={`Year born, ${at}`} value={node.born ?? ''} allowDecimal={false} hideControls min={1800} max={2200} disabled={readOnly} onChange={(v) => onUpdate(node.id, { born: yearOf(v) })} error={errors.born} />
                </Table.Td>
                <Table.Td w={100}>
                  <NumberInput aria-label={`Year died, ${at}`} value={node.died ?? ''} allowDecimal={false} hideControls min={1800} max={2200} disabled={readOnly} onChange={(v) => onUpdate(node.id, { died: yearOf(v) })} error={errors.died} />
                </Table.Td>
                <Table.Td>
                  <Checkbox aria-label={`Deceased, ${at}`} checked={node.deceased} disabled={readOnly} onChange={(e) => onUpdate(node.id, { deceased: e.currentTarget.checked })} error={errors.deceased} />
                </Table.Td>
                <Table.Td>
                  <Checkbox aria-label={`Identity unknown, ${at}`} checked={node.unknownIdentity} disabled={readOnly} onChange={(e) => onUpdate(node.id, { unknownIdentity: e.currentTarget.checked })} />
                </Table.Td>
              </>
            ) : (
              <Table.Td colSpan={5}>
                <Text size="xs" c="dimmed">
                  Family details are kept for people.
                </Text>
              </Table.Td>
            ))}
          <Table.Td>
            {!isClient && !readOnly && (
              <Tooltip label={`Remove ${node.label || `row ${row}`}`}>
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${node.label || 'this entry'}, ${at}`} onClick={() => onRemove(node.id)}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
          </Table.Td>
        </Table.Tr>
        {rest.length > 0 && (
          <Table.Tr>
            <Table.Td />
            <Table.Td colSpan={showFamily ? 11 : 6}>
              <Text size="sm" c="red.8">
                {rest.join(' ')}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </>
    );
  },
  (a, b) =>
    a.node === b.node && a.row === b.row && a.showFamily === b.showFamily && a.readOnly === b.readOnly && a.onUpdate === b.onUpdate && a.onRemove === b.onRemove && JSON.stringify(a.errors) === JSON.stringify(b.errors),
);

const TieRow = memo(
  function TieRow({
    tie,
    row,
    nodes,
    nodeOptions,
    errors,
    readOnly,
    onUpdate,
    onRemove,
  }: {
    tie: MapTie;
    row: number;
    nodes: MapNode[];
    nodeOptions: Array<{ value: string; label: string }>;
    errors: Record<string, string>;
    readOnly: boolean;
    onUpdate: (tie: MapTie) => void;
    onRemove: (id: string) => void;
  }) {
    const at = `tie ${row}`;
    const id = (f: string) => `map-tie-${tie.id}-${f}`;
    const around: RelationalMap = { nodes, ties: [], alterTiesRecorded: false };
    const shown = ['a', 'b', 'status', 'since', 'until', 'bond', 'pattern', 'note'];
    const rest = leftover(errors, shown);
    const direction = (t: Extract<MapTie, { direction: unknown }>) => (
      <NativeSelect
        w={240}
        aria-label={`Direction, ${at}`}
        data={directionChoices(around, t)}
        value={spokenDirection(around, t)}
        disabled={readOnly}
        onChange={(e) => onUpdate({ ...t, direction: storedDirection(around, t, e.currentTarget.value as SpokenDirection) })}
      />
    );
    let details: React.ReactNode;
    switch (tie.kind) {
      case 'connection':
        details = (
          <Stack gap={4}>
            <Group gap={6} wrap="nowrap">
              <NativeSelect w={112} aria-label={`Strength, ${at}`} data={strengthOptions} value={tie.strength} disabled={readOnly} onChange={(e) => onUpdate({ ...tie, strength: e.currentTarget.value as typeof tie.strength })} />
              <NativeSelect w={122} aria-label={`Quality, ${at}`} data={qualityOptions} value={tie.quality} disabled={readOnly} onChange={(e) => onUpdate({ ...tie, quality: e.currentTarget.value as typeof tie.quality })} />
            </Group>
            {direction(tie)}
          </Stack>
        );
        break;
      case 'partner':
        details = (
          <Group gap={6} wrap="wrap" maw={260}>
            <NativeSelect w={240} aria-label={`Partnership, ${at}`} data={statusOptions} value={tie.status} disabled={readOnly} onChange={(e) => onUpdate({ ...tie, status: e.currentTarget.value as typeof tie.status })} error={errors.status} />
            <NumberInput w={90} size="xs" label="Since" aria-label={`Since (year), ${at}`} value={tie.since ?? ''} allowDecimal={false} hideControls disabled={readOnly} onChange={(v) => onUpdate({ ...tie, since: yearOf(v) })} error={errors.since} />
            <NumberInput w={90} size="xs" label="Until" aria-label={`Until (year), ${at}`} value={tie.until ?? ''} allowDecimal={false} hideControls disabled={readOnly} onChange={(v) => onUpdate({ ...tie, until: yearOf(v) })} error={errors.until} />
          </Group>
        );
        break;
      case 'parent':
        details = (
          <Group gap={6} wrap="nowrap" align="center">
            <NativeSelect w={130} aria-label={`Bond, ${at}`} data={bondOptions} value={tie.bond} disabled={readOnly} onChange={(e) => onUpdate({ ...tie, bond: e.currentTarget.value as typeof tie.bond })} error={errors.bond} />
            <Text size="xs" c="dimmed">
              “From” is the parent
            </Text>
          </Group>
        );
        break;
      case 'twin':
        details = <Checkbox aria-label={`Identical twins, ${at}`} label="Identical" checked={tie.identical} disabled={readOnly} onChange={(e) => onUpdate({ ...tie, identical: e.currentTarget.checked })} />;
        break;
      case 'emotional':
        details = (
          <Stack gap={4}>
            <Autocomplete
              aria-label={`Emotional pattern, ${at}`}
              data={patternSuggestions}
              value={patternLabel(tie.pattern)}
              disabled={readOnly}
              onChange={(text) => {
                const pattern = patternFromInput(text);
                if (pattern) onUpdate({ ...tie, pattern });
              }}
              error={errors.pattern}
              w={240}
            />
            {direction(tie)}
          </Stack>
        );
        break;
      case 'knows':
      case 'influence':
        details = (
          <Text size="xs" c="dimmed">
            {tie.kind === 'knows' ? 'As the client tells it' : '“From” is the influence'}
          </Text>
        );
        break;
    }
    return (
      <>
        <Table.Tr>
          <Table.Td>
            <Text size="sm" c="dimmed">
              {row}
            </Text>
          </Table.Td>
          <Table.Td>
            <NativeSelect w={160} id={id('a')} aria-label={`From, ${at}`} data={nodeOptions} value={tie.a} disabled={readOnly} onChange={(e) => onUpdate({ ...tie, a: e.currentTarget.value })} error={errors.a} />
          </Table.Td>
          <Table.Td>
            <NativeSelect w={160} aria-label={`To, ${at}`} data={nodeOptions} value={tie.b} disabled={readOnly} onChange={(e) => onUpdate({ ...tie, b: e.currentTarget.value })} error={errors.b} />
          </Table.Td>
          <Table.Td>
            <NativeSelect w={160} aria-label={`Kind of tie, ${at}`} data={tieKindOptions} value={tie.kind} disabled={readOnly} onChange={(e) => onUpdate(changeTieKind(tie, e.currentTarget.value as TieKind))} />
          </Table.Td>
          <Table.Td>{details}</Table.Td>
          <Table.Td>
            {'note' in tie ? (
              <TextInput miw={150} aria-label={`Note, ${at}`} value={tie.note} maxLength={2000} disabled={readOnly} onChange={(e) => onUpdate({ ...tie, note: e.currentTarget.value })} error={errors.note} />
            ) : (
              <Text size="sm" c="dimmed">
                —
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            {!readOnly && (
              <Tooltip label={`Remove tie ${row}`}>
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${at}`} onClick={() => onRemove(tie.id)}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
          </Table.Td>
        </Table.Tr>
        {rest.length > 0 && (
          <Table.Tr>
            <Table.Td />
            <Table.Td colSpan={6}>
              <Text size="sm" c="red.8">
                {rest.join(' ')}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </>
    );
  },
  (a, b) =>
    a.tie === b.tie &&
    a.row === b.row &&
    a.nodeOptions === b.nodeOptions &&
    a.readOnly === b.readOnly &&
    a.onUpdate === b.onUpdate &&
    a.onRemove === b.onRemove &&
    JSON.stringify(a.errors) === JSON.stringify(b.errors),
);
