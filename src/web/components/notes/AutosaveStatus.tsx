import { Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCloudOff, IconGitCompare, IconPencil } from '@tabler/icons-react';
import type { AutosaveStatus as Status } from '../useAutosave';

/** A calm, quiet line saying where the text stands ("Saved 14:02", "Saving…"); read out politely to screen readers. */
export function AutosaveStatus({ status, text, label }: { status: Status; text: string; label: string }) {
  if (status === 'disabled' || status === 'loading') return null;
  const icon =
    status === 'saving' ? (
      <Loader size={12} aria-hidden />
    ) : status === 'saved' ? (
      <IconCircleCheck size={14} aria-hidden color="var(--mantine-color-teal-7)" />
    ) : status === 'retrying' ? (
      <IconCloudOff size={14} aria-hidden color="var(--mantine-color-orange-7)" />
    ) : status === 'conflict' ? (
      <IconGitCompare size={14} aria-hidden color="var(--mantine-color-yellow-8)" />
    ) : status === 'error' ? (
      <IconAlertTriangle size={14} aria-hidden color="var(--mantine-color-red-7)" />
    ) : (
      <IconPencil size={14} aria-hidden color="var(--mantine-color-gray-6)" />
    );
  return (
    <Group gap={6} wrap="nowrap" role="status" aria-live="polite" aria-label={`${label}: ${text}`}>
      {icon}
      <Text size="sm" c={status === 'retrying' ? 'orange.8' : status === 'error' ? 'red.8' : 'dimmed'}>
        {text}
      </Text>
    </Group>
  );
}
