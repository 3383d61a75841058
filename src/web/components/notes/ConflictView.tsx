/**
 * ConflictView — shown when an autosave met a newer version saved elsewhere (another tab, another
 * person). Both versions side by side, field by field; nothing is overwritten until the person
 * chooses: keep theirs own version (saved over the latest, on purpose), take the saved one, or pick
 * per field and save the combination. Text in either column can be selected and copied.
 *
 *   <ConflictView
 *     rows={[{ key: 'plan', label: 'Next steps', mine: '…', theirs: '…' }]}
 *     savedBy="Mariela Ortiz" savedAt={record.updatedAt}
 *     onKeepMine={autosave.keepMine}
 *     onTakeTheirs={autosave.takeTheirs}
 *     onCombine={(theirsFor) => autosave.resolveWith(merge(theirsFor))}   // keys where the saved text was chosen
 *   />
 */
import { Alert, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { formatDateTime } from '../dates';

export interface ConflictRow {
  key: string;
  label: string;
  mine: string;
  theirs: string;
}

export function ConflictView(props: {
  title?: string;
  rows: ConflictRow[];
  savedBy?: string | null;
  savedAt?: string | null;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onCombine: (theirsFor: Set<string>) => void;
}) {
  const differing = useMemo(() => props.rows.filter((r) => r.mine !== r.theirs), [props.rows]);
  const same = props.rows.length - differing.length;
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>({});
  const titleId = useId();
  const theirsHeading = `Saved elsewhere${props.savedBy ? ` by ${props.savedBy}` : ''}${props.savedAt ? ` at ${formatDateTime(props.savedAt)}` : ''}`;
  const combined = new Set(differing.filter((r) => choice[r.key] === 'theirs').map((r) => r.key));

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={titleId} style={{ borderColor: 'var(--mantine-color-yellow-5)' }}>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconGitCompare size={22} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <div>
            <Title order={2} size="h4" id={titleId}>
              {props.title ?? 'This was changed elsewhere'}
            </Title>
            <Text size="sm" c="dimmed" maw={760}>
              Another tab or another person saved a newer version while you were writing. Nothing has been overwritten and your text
              is kept here. Choose what to keep; autosave waits until you do.
            </Text>
          </div>
        </Group>

        {differing.length === 0 ? (
          <Alert color="teal" variant="light">
            The two versions read the same. Take the saved version to carry on.
          </Alert>
        ) : (
          <Stack gap="md" role="list" aria-label="Differences, part by part">
            {differing.map((r) => (
              <Paper key={r.key} withBorder radius="md" p="md" role="listitem" aria-label={r.label}>
                <Text fw={600} mb="xs">
                  {r.label}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  <Column heading="Your version" text={r.mine} />
                  <Column heading={theirsHeading} text={r.theirs} />
                </SimpleGrid>
                <Radio.Group
                  mt="sm"
                  label={`Keep for “${r.label}”`}
                  value={choice[r.key] ?? 'mine'}
                  onChange={(v) => setChoice((c) => ({ ...c, [r.key]: v as 'mine' | 'theirs' }))}
                >
                  <Group gap="lg" mt={4}>
                    <Radio value="mine" label="Your version" />
                    <Radio value="theirs" label="The saved version" />
                  </Group>
                </Radio.Group>
              </Paper>
            ))}
          </Stack>
        )}
        {same > 0 && differing.length > 0 && (
          <Text size="sm" c="dimmed">
            {same === 1 ? 'One other part is the same in both.' : `${same} other parts are the same in both.`}
          </Text>
        )}

        <Group gap="sm" wrap="wrap">
          <Button onClick={props.onKeepMine}>Keep my version</Button>
          <Button variant="light" onClick={props.onTakeTheirs}>
            Take the saved version
          </Button>
          {differing.length > 1 && (
            <Button variant="light" color="dusk" onClick={() => props.onCombine(combined)}>
              Save my choices part by part
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          “Keep my version” saves your text over the newer one. “Take the saved version” replaces your text with it: copy anything you
          want to keep from the left column first.
        </Text>
      </Stack>
    </Paper>
  );
}

function Column({ heading, text }: { heading: string; text: string }) {
  return (
    <Stack gap={4}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {heading}
      </Text>
      <Paper p="sm" radius="sm" bg="var(--mantine-color-gray-0)" style={{ whiteSpace: 'pre-wrap', minHeight: 48 }}>
        {text.trim() ? <Text size="sm">{text}</Text> : <Text size="sm" c="dimmed" fs="italic">Empty</Text>}
      </Paper>
    </Stack>
  );
}
