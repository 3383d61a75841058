import { Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { type RelationalMap, qualityLabels, strengthLabels, tieQualities, tieStrengths } from '../../../domain/maps/map';
import { type EcomapTie, type SpokenDirection, changeTieKind, ecomapKindsBetween, influenceFirst, spokenDirection, storedDirection } from './mapEdit';
import { directionChoices, nameOf } from './mapWords';
import { TieLines } from './TieEdge';

const kindWords: Record<EcomapTie['kind'], string> = {
  connection: 'A tie in the client’s world (strength and quality)',
  knows: 'They know each other',
  influence: 'An influence touching it',
};

/**
 * The fields of a tie on the ecomap: its kind when neither end is the client, then strength,
 * quality and the way energy flows (said relative to the client), and a note.
 */
export function TieFields({
  map,
  tie,
  onChange,
  disabled = false,
}: {
  map: RelationalMap;
  tie: EcomapTie;
  onChange: (tie: EcomapTie) => void;
  disabled?: boolean;
}) {
  const kinds = ecomapKindsBetween(map, tie.a, tie.b);
  return (
    <Stack gap="sm">
      {kinds.length > 1 && (
        <Radio.Group
          label="What kind of tie"
          value={tie.kind}
          onChange={(k) => onChange(influenceFirst(map, changeTieKind(tie, k as EcomapTie['kind'])) as EcomapTie)}
        >
          <Stack gap={6} mt={4}>
            {kinds.map((k) => (
              <Radio key={k} value={k} label={kindWords[k]} disabled={disabled} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {tie.kind === 'connection' && (
        <>
          <Radio.Group label="Strength" value={tie.strength} onChange={(v) => onChange({ ...tie, strength: v as typeof tie.strength })}>
            <Group gap="md" mt={4}>
              {[...tieStrengths].reverse().map((s) => (
                <Radio key={s} value={s} label={strengthLabels[s]} disabled={disabled} />
              ))}
            </Group>
          </Radio.Group>
          <Radio.Group label="Quality" description="Each quality has its own line" value={tie.quality} onChange={(v) => onChange({ ...tie, quality: v as typeof tie.quality })}>
            <Stack gap={6} mt={4}>
              {tieQualities.map((q) => (
                <Group key={q} gap="xs" wrap="nowrap">
                  <Radio value={q} label={qualityLabels[q]} disabled={disabled} miw={110} />
                  <svg width={70} height={18} aria-hidden>
                    <TieLines tie={{ ...tie, quality: q, strength: 'moderate', direction: 'none' }} x1={2} y1={9} x2={68} y2={9} />
                  </svg>
                </Group>
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label="Which way energy flows"
            value={spokenDirection(map, tie)}
            onChange={(v) => onChange({ ...tie, direction: storedDirection(map, tie, v as SpokenDirection) })}
          >
            <Stack gap={6} mt={4}>
              {directionChoices(map, tie).map((c) => (
                <Radio key={c.value} value={c.value} label={c.label} disabled={disabled} />
              ))}
            </Stack>
          </Radio.Group>
        </>
      )}
      {tie.kind === 'influence' && (
        <Text size="sm">
          {nameOf(map, tie.a)} influences {nameOf(map, tie.b)}.
        </Text>
      )}
      {tie.kind === 'knows' && (
        <Text size="sm">
          {nameOf(map, tie.a)} and {nameOf(map, tie.b)} know each other, as the client tells it.
        </Text>
      )}
      {tie.kind !== 'knows' && (
        <Textarea label="Note" autosize minRows={2} maxRows={5} maxLength={2000} value={tie.note} disabled={disabled} onChange={(e) => onChange({ ...tie, note: e.currentTarget.value })} />
      )}
    </Stack>
  );
}
