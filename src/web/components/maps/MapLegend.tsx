import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { memo } from 'react';
import { type NodeKind, nodeKindLabels, qualityLabels, strengthLabels, tieQualities, tieStrengths } from '../../../domain/maps/map';
import { ShapeSvg } from './look';
import { TieLines } from './TieEdge';

const W = 76;
const H = 20;

function Sample({ children }: { children: React.ReactNode }) {
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden style={{ flexShrink: 0 }}>
      {children}
    </svg>
  );
}

function Row({ sample, label }: { sample: React.ReactNode; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap" component="li">
      {sample}
      <Text size="sm">{label}</Text>
    </Group>
  );
}

const kinds: NodeKind[] = ['person', 'family', 'group', 'institution', 'place', 'practice', 'spiritual', 'influence'];

/** The key to the ecomap's lines and shapes, always on screen beside the canvas. */
function MapLegendImpl({ compare = false }: { compare?: boolean }) {
  const base = { id: 'legend', a: 'a', b: 'b' } as const;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label="Legend">
      <Title order={3} size="h6" mb={6}>
        Legend
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="xs">
        <Stack gap={4}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            Strength
          </Text>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {[...tieStrengths].reverse().map((s) => (
              <Row
                key={s}
                label={strengthLabels[s]}
                sample={
                  <Sample>
                    <TieLines tie={{ ...base, kind: 'connection', strength: s, quality: 'supportive', direction: 'none', note: '' }} x1={4} y1={10} x2={72} y2={10} />
                  </Sample>
                }
              />
            ))}
          </Stack>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            Quality
          </Text>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {tieQualities.map((q) => (
              <Row
                key={q}
                label={qualityLabels[q]}
                sample={
                  <Sample>
                    <TieLines tie={{ ...base, kind: 'connection', strength: 'moderate', quality: q, direction: 'none', note: '' }} x1={4} y1={10} x2={72} y2={10} />
                  </Sample>
                }
              />
            ))}
          </Stack>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            Energy and other lines
          </Text>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            <Row
              label="Flows one way (arrow points where it goes)"
              sample={
                <Sample>
                  <TieLines tie={{ ...base, kind: 'connection', strength: 'moderate', quality: 'supportive', direction: 'a_to_b', note: '' }} x1={4} y1={10} x2={84} y2={10} inset={12} />
                </Sample>
              }
            />
            <Row
              label="Flows both ways"
              sample={
                <Sample>
                  <TieLines tie={{ ...base, kind: 'connection', strength: 'moderate', quality: 'supportive', direction: 'both', note: '' }} x1={-8} y1={10} x2={84} y2={10} inset={12} />
                </Sample>
              }
            />
            <Row
              label="Know each other"
              sample={
                <Sample>
                  <TieLines tie={{ ...base, kind: 'knows' }} x1={4} y1={10} x2={72} y2={10} />
                </Sample>
              }
            />
            <Row
              label="An influence touching it"
              sample={
                <Sample>
                  <TieLines tie={{ ...base, kind: 'influence', note: '' }} x1={4} y1={10} x2={84} y2={10} inset={12} />
                </Sample>
              }
            />
          </Stack>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {compare ? 'Changes' : 'Shapes'}
          </Text>
          {compare ? (
            <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              <Row label="New since the earlier version" sample={<span className="lm-mark lm-mark-added">+ new</span>} />
              <Row label="Lost: faded and dashed" sample={<span className="lm-mark lm-mark-lost">lost</span>} />
              <Row label="Stronger or weaker" sample={<span className="lm-mark lm-mark-stronger">↑ stronger</span>} />
              <Row label="Quality changed" sample={<span className="lm-mark lm-mark-quality">was supportive</span>} />
            </Stack>
          ) : (
            <SimpleGrid cols={2} spacing={4} verticalSpacing={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {kinds.map((k) => (
                <Group key={k} gap={6} wrap="nowrap" component="li">
                  <span style={{ width: 26, display: 'flex', justifyContent: 'center', flexShrink: 0 }}>
                    <ShapeSvg kind={k} scale={0.5} />
                  </span>
                  <Text size="xs">{nodeKindLabels[k]}</Text>
                </Group>
              ))}
              <Group gap={6} wrap="nowrap" component="li">
                <span className="lm-node-flag lm-node-turn" style={{ position: 'static' }} aria-hidden>
                  ♥
                </span>
                <Text size="xs">Someone to turn to</Text>
              </Group>
            </SimpleGrid>
          )}
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

export const MapLegend = memo(MapLegendImpl);
