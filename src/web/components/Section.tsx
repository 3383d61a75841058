import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card section of a page; `id` makes it linkable (/account#two-factor). */
export function Section({
  id,
  title,
  description,
  badge,
  actions,
  children,
}: {
  id?: string;
  title: string;
  description?: ReactNode;
  badge?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <Paper withBorder p="lg" component="section" id={id} aria-labelledby={headingId} style={{ scrollMarginTop: 80 }}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4} style={{ flex: 1, minWidth: 240 }}>
            <Group gap="sm">
              <Title order={2} size="h4" id={headingId}>
                {title}
              </Title>
              {badge}
            </Group>
            {description && (
              <Text size="sm" c="dimmed" maw={720}>
                {description}
              </Text>
            )}
          </Stack>
          {actions && <Group gap="sm">{actions}</Group>}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

export function StatusBadge({ on, onLabel, offLabel }: { on: boolean; onLabel: string; offLabel: string }) {
  return (
    <Badge color={on ? 'teal.8' : 'gray.7'} variant="light">
      {on ? onLabel : offLabel}
    </Badge>
  );
}
