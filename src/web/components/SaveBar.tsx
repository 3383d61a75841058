import { Button, Group } from '@mantine/core';

/** The save and discard buttons under an editable settings form. */
export function SaveBar(props: { label: string; saving: boolean; dirty: boolean; onDiscard: () => void }) {
  return (
    <Group>
      <Button type="submit" loading={props.saving} disabled={!props.dirty}>
        {props.label}
      </Button>
      {props.dirty && (
        <Button variant="subtle" onClick={props.onDiscard}>
          Discard changes
        </Button>
      )}
    </Group>
  );
}
