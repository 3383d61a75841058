import { Box, Group, Paper, Stack, Text, Title, Tooltip, VisuallyHidden, type MantineColor } from '@mantine/core';
import { formatDate } from '../dates';
import type { Theme } from '../notes/types';
import { themeStageLabels, themeStages, type ThemeStage } from '../../../domain/themes/arc';

export const stageColors: Record<ThemeStage, MantineColor> = {
  emerging: 'grape',
  recurring: 'blue',
  transforming: 'orange',
  integrated: 'teal',
};

/** The stage a theme was in on a given moment, read from its dated arc. */
function stageAt(theme: Theme, at: string): ThemeStage {
  let stage: ThemeStage = 'emerging';
  for (const a of [...theme.arc].sort((x, y) => x.at.localeCompare(y.at))) if (a.at <= at) stage = a.stage;
  return stage;
}

/**
 * Every theme on one time line: a dot per session it appeared in, coloured by the stage of its arc
 * at that moment. Each row also reads as a sentence for screen readers; the dots are decoration.
 */
export function EmergenceTimeline({ themes }: { themes: Theme[] }) {
  const times = themes.flatMap((t) => [...t.sessions.map((s) => s.startsAt), ...t.arc.map((a) => a.at)]).map((s) => new Date(s).getTime());
  if (times.length === 0) return null;
  const start = Math.min(...times);
  const end = Math.max(...times, start + 86_400_000);
  const x = (iso: string) => ((new Date(iso).getTime() - start) / (end - start)) * 100;

  return (
    <Paper withBorder radius="md" p="md" component="figure" m={0} aria-labelledby="emergence-timeline-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5" id="emergence-timeline-title">
            Themes over time
          </Title>
          <Group gap="md" aria-hidden>
            {themeStages.map((s) => (
              <Group key={s} gap={4}>
                <Box w={10} h={10} style={{ borderRadius: 10, background: `var(--mantine-color-${stageColors[s]}-6)` }} />
                <Text size="xs" c="dimmed">
                  {themeStageLabels[s]}
                </Text>
              </Group>
            ))}
          </Group>
        </Group>
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {themes.map((t) => {
            const dates = [...new Set(t.sessions.map((s) => s.startsAt))].sort();
            const first = dates[0];
            const last = dates[dates.length - 1];
            const summary =
              dates.length === 0
                ? `${t.name}: not tagged in a session yet; ${themeStageLabels[t.stage].toLowerCase()}.`
                : `${t.name}: ${dates.length === 1 ? `one session, ${formatDate(first ?? '')}` : `${dates.length} sessions, from ${formatDate(first ?? '')} to ${formatDate(last ?? '')}`}; now ${themeStageLabels[t.stage].toLowerCase()}${t.inPlan ? '' : ', unplanned'}.`;
            const changes = t.arc.length > 1 ? ` Its arc: ${t.arc.map((a) => `${themeStageLabels[a.stage].toLowerCase()} ${formatDate(a.at)}`).join(', ')}.` : '';
            return (
              <li key={t.id}>
                <VisuallyHidden>{summary + changes}</VisuallyHidden>
                <Group gap="sm" wrap="nowrap" aria-hidden>
                  <Text size="sm" w={170} truncate="end" fw={t.inPlan ? 400 : 600} c={t.inPlan ? undefined : 'clay.8'} style={{ flexShrink: 0 }}>
                    {t.name}
                  </Text>
                  <Box pos="relative" h={22} style={{ flex: 1, minWidth: 120 }}>
                    <Box pos="absolute" left={0} right={0} top={10} h={2} bg="var(--mantine-color-gray-3)" />
                    {t.arc.map((a, i) => (
                      <Tooltip key={`arc-${i}`} label={`${formatDate(a.at)} · became ${themeStageLabels[a.stage].toLowerCase()}`} withinPortal>
                        <Box
                          pos="absolute"
                          top={6}
                          w={10}
                          h={10}
                          style={{
                            left: `calc(${x(a.at)}% - 5px)`,
                            transform: 'rotate(45deg)',
                            background: 'white',
                            border: `2px solid var(--mantine-color-${stageColors[a.stage]}-7)`,
                          }}
                        />
                      </Tooltip>
                    ))}
                    {dates.map((d) => (
                      <Tooltip key={d} label={`${formatDate(d)} · ${themeStageLabels[stageAt(t, d)]}`} withinPortal>
                        <Box
                          pos="absolute"
                          top={4}
                          w={14}
                          h={14}
                          style={{
                            left: `calc(${x(d)}% - 7px)`,
                            borderRadius: 14,
                            background: `var(--mantine-color-${stageColors[stageAt(t, d)]}-6)`,
                            border: '2px solid white',
                          }}
                        />
                      </Tooltip>
                    ))}
                  </Box>
                </Group>
              </li>
            );
          })}
        </Stack>
        <Text size="xs" c="dimmed" aria-hidden>
          A dot is a session the theme appeared in, coloured by its stage then; a diamond is a change of stage.
        </Text>
        <Group justify="space-between" pl={182} aria-hidden>
          <Text size="xs" c="dimmed">
            {formatDate(new Date(start))}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDate(new Date(end))}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
