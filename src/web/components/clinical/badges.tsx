import { Badge, ThemeIcon, type MantineColor } from '@mantine/core';
import { IconCalendarEvent, IconCircleCheck, IconCircleX, IconUserOff } from '@tabler/icons-react';
import { phaseLabels, type Phase } from '../../../domain/journey/phases';
import { statusLabels, type SessionStatus } from '../../../domain/sessions/rules';
import type { ClientPhase } from './types';

export const phaseColors: Record<Phase, MantineColor> = {
  reaching_out: 'grape',
  assessment: 'indigo',
  diagnosis: 'blue',
  planning: 'cyan',
  the_work: 'teal',
  transition: 'orange',
};

export function phaseLabel(phase: ClientPhase): string {
  return phase === 'ended' ? 'Ended' : phaseLabels[phase];
}

export function PhaseBadge({ phase, size = 'md' }: { phase: ClientPhase; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge variant="light" size={size} color={phase === 'ended' ? 'gray' : phaseColors[phase]} radius="sm">
      {phaseLabel(phase)}
    </Badge>
  );
}

export const statusColors: Record<SessionStatus, MantineColor> = {
  scheduled: 'blue',
  held: 'teal',
  cancelled: 'gray',
  no_show: 'orange',
};

const statusIcons = {
  scheduled: IconCalendarEvent,
  held: IconCircleCheck,
  cancelled: IconCircleX,
  no_show: IconUserOff,
} as const;

export function StatusIcon({ status, size = 16 }: { status: SessionStatus; size?: number }) {
  const Icon = statusIcons[status];
  return <Icon size={size} aria-hidden stroke={1.8} />;
}

export function StatusBadge({ status }: { status: SessionStatus }) {
  return (
    <Badge variant="light" color={statusColors[status]} leftSection={<StatusIcon status={status} size={12} />} radius="sm">
      {statusLabels[status]}
    </Badge>
  );
}

export function StatusThemeIcon({ status, size = 24 }: { status: SessionStatus; size?: number }) {
  return (
    <ThemeIcon size={size} radius="xl" variant="light" color={statusColors[status]}>
      <StatusIcon status={status} size={Math.round(size * 0.6)} />
    </ThemeIcon>
  );
}
