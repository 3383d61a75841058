import { Group, Text } from '@mantine/core';

/** The wordmark: a threshold (two posts and a lintel). */
export function Brand({ sub }: { sub?: string }) {
  return (
    <Group gap={10} wrap="nowrap">
      <svg width="26" height="26" viewBox="0 0 26 26" aria-hidden="true" focusable="false">
        <rect x="1" y="1" width="24" height="24" rx="6" fill="var(--mantine-color-dusk-7)" />
        <path d="M8 20V8h10v12" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M5 20h16" stroke="var(--mantine-color-clay-2)" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <Text fw={700} size="lg" ff="heading" c="dusk.9" component="span">
        Liminal
      </Text>
      {sub && (
        <Text size="sm" c="dimmed" component="span" visibleFrom="sm" truncate maw={260}>
          {sub}
        </Text>
      )}
    </Group>
  );
}
