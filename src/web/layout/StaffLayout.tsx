import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarWeek,
  IconChartBar,
  IconFileSearch,
  IconInbox,
  IconMail,
  IconSettings,
  IconSignature,
  IconSun,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { api } from '../api';
import { isAdmin, useMe } from '../session/SessionContext';
import { useCosignQueue } from '../routes/supervision/SupervisionPage';
import { RiskAlertBanner } from '../components/measures/RiskAlerts';
import { Brand } from './Brand';
import { UserMenu } from './UserMenu';

interface Item {
  to: string;
  label: string;
  icon: ReactNode;
  badge?: number;
  badgeLabel?: string;
}

function useNewInquiries(enabled: boolean): number {
  const q = useQuery({
    queryKey: ['inquiries', 'new-count'],
    queryFn: () => api.get<unknown[]>('/api/inquiries?status=new'),
    enabled,
    staleTime: 60_000,
  });
  return q.data?.length ?? 0;
}

/** The signed-in frame for staff: navigation on the left, the page on the right. */
export function StaffLayout() {
  const me = useMe();
  const admin = isAdmin(me);
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const newInquiries = useNewInquiries(!me.mustSetUpMfa);
  const supervisor = me.user.roles.includes('supervisor');
  const cosignWaiting = useCosignQueue(supervisor && !me.mustSetUpMfa).data?.length ?? 0;
  const clinician = me.user.roles.some((r) => r === 'practitioner' || r === 'associate' || r === 'supervisor');

  const care: Item[] = [
    { to: '/today', label: 'Today', icon: <IconSun size={18} aria-hidden /> },
    { to: '/calendar', label: 'Calendar', icon: <IconCalendarWeek size={18} aria-hidden /> },
    { to: '/clients', label: 'Clients', icon: <IconUsers size={18} aria-hidden /> },
    { to: '/inquiries', label: 'Inquiries', icon: <IconInbox size={18} aria-hidden />, badge: newInquiries },
    { to: '/outcomes', label: 'Outcomes', icon: <IconChartBar size={18} aria-hidden /> },
    ...(supervisor ? [{ to: '/supervision', label: 'Supervision', icon: <IconSignature size={18} aria-hidden />, badge: cosignWaiting, badgeLabel: 'waiting' }] : []),
  ];
  const practice: Item[] = admin
    ? [
        { to: '/people', label: 'People', icon: <IconUsersGroup size={18} aria-hidden /> },
        { to: '/practice', label: 'Practice settings', icon: <IconSettings size={18} aria-hidden /> },
        { to: '/outbox', label: 'Outbox', icon: <IconMail size={18} aria-hidden /> },
        { to: '/audit', label: 'Audit', icon: <IconFileSearch size={18} aria-hidden /> },
      ]
    : [];
  const mine: Item[] = [{ to: '/account', label: 'Account', icon: <IconUserCircle size={18} aria-hidden /> }];

  const isActive = (to: string) => location.pathname === to || location.pathname.startsWith(`${to}/`);
  const links = (items: Item[]) =>
    items.map((item) => (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={item.label}
        leftSection={item.icon}
        active={isActive(item.to)}
        aria-current={isActive(item.to) ? 'page' : undefined}
        onClick={close}
        rightSection={
          item.badge ? (
            <Badge size="sm" variant="filled" color="clay.7" aria-label={`${item.badge} ${item.badgeLabel ?? 'new'}`}>
              {item.badge}
            </Badge>
          ) : undefined
        }
        styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
      />
    ));

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
      styles={{ main: { background: '#f6f4f0', minHeight: '100vh' } }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Link to="/today" style={{ textDecoration: 'none' }} aria-label="Liminal — today">
              <Brand sub={me.practice.name} />
            </Link>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {links(care)}
            {practice.length > 0 && (
              <>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="md" mb={4} px="sm">
                  Practice
                </Text>
                {links(practice)}
              </>
            )}
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="md" mb={4} px="sm">
              You
            </Text>
            {links(mine)}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <RiskAlertBanner enabled={clinician && !me.mustSetUpMfa} />
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
