import { Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from './FormError';

/** A loading state written for people. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

/** An empty state: a sentence, maybe an action. */
export function Empty({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="xl" bg="var(--mantine-color-gray-0)">
      <Stack align="center" gap="sm">
        <Text c="dimmed" ta="center">
          {children}
        </Text>
        {action}
      </Stack>
    </Paper>
  );
}

/** A failed load, with the server's words and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Paper withBorder p="lg" role="alert">
      <Stack gap="sm">
        <Text fw={600}>This could not be loaded.</Text>
        <Text c="dimmed">{errorMessage(error)}</Text>
        {onRetry && (
          <Group>
            <Button variant="light" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
