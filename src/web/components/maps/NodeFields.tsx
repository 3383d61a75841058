import { NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { type MapLevel, type MapNode, type NodeKind, institutionSectors, levelLabels, mapLevels, nodeKindLabels, nodeKinds, sectorLabels } from '../../../domain/maps/map';
import { turnToLabels } from './mapWords';

export type NodeFieldValues = Pick<MapNode, 'kind' | 'label' | 'level' | 'sector' | 'note' | 'turnTo'>;

const kindOptions = nodeKinds.filter((k) => k !== 'client').map((k) => ({ value: k, label: nodeKindLabels[k] }));
const levelOptions = mapLevels.map((l) => ({ value: l, label: levelLabels[l] }));
const sectorOptions = institutionSectors.map((s) => ({ value: s, label: sectorLabels[s] }));
const turnToOptions = [
  { value: '', label: 'Not marked' },
  { value: 'client', label: turnToLabels.client },
  { value: 'practitioner', label: turnToLabels.practitioner },
  { value: 'both', label: turnToLabels.both },
];

/**
 * The fields of a person, group or place: kind, name, level, sector (institutions), whether the
 * client can turn to them, and a note. Used to add a node and to edit the selected one.
 */
export function NodeFields({
  value,
  onChange,
  errors = {},
  autoFocus = false,
  disabled = false,
}: {
  value: NodeFieldValues;
  onChange: (patch: Partial<NodeFieldValues>) => void;
  /** Problems by field name (label, sector, …). */
  errors?: Partial<Record<string, string>>;
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  const isClient = value.kind === 'client';
  return (
    <Stack gap="sm">
      {!isClient && (
        <NativeSelect
          label="Kind"
          data={kindOptions}
          value={value.kind}
          disabled={disabled}
          onChange={(e) => onChange({ kind: e.currentTarget.value as Exclude<NodeKind, 'client'> })}
        />
      )}
      <TextInput
        label="Name"
        description={isClient ? 'The client, at the centre of the map' : 'A first name, a word, what the client calls them'}
        value={value.label}
        maxLength={120}
        data-autofocus={autoFocus || undefined}
        disabled={disabled}
        onChange={(e) => onChange({ label: e.currentTarget.value })}
        error={errors.label}
      />
      {!isClient && (
        <SimpleGrid cols={value.kind === 'institution' ? 2 : 1} spacing="sm">
          <NativeSelect
            label="Level"
            description="Which ring it sits in"
            data={levelOptions}
            value={value.level}
            disabled={disabled}
            onChange={(e) => onChange({ level: e.currentTarget.value as MapLevel })}
          />
          {value.kind === 'institution' && (
            <NativeSelect
              label="Sector"
              description="What kind of institution"
              data={sectorOptions}
              value={value.sector ?? 'other'}
              disabled={disabled}
              onChange={(e) => onChange({ sector: e.currentTarget.value as NonNullable<MapNode['sector']> })}
              error={errors.sector}
            />
          )}
        </SimpleGrid>
      )}
      {!isClient && (
        <NativeSelect
          label="Someone to turn to"
          description="Who says the client can turn to them"
          data={turnToOptions}
          value={value.turnTo ?? ''}
          disabled={disabled}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange({ turnTo: v === '' ? null : (v as NonNullable<MapNode['turnTo']>) });
          }}
        />
      )}
      <Textarea label="Note" autosize minRows={2} maxRows={6} maxLength={2000} value={value.note} disabled={disabled} onChange={(e) => onChange({ note: e.currentTarget.value })} error={errors.note} />
      {value.kind === 'influence' && (
        <Text size="xs" c="dimmed">
          A cultural or systemic influence (racism, migration, poverty, an institution’s power). Draw a tie from it to whatever it touches.
        </Text>
      )}
    </Stack>
  );
}
