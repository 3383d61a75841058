import { Avatar, Menu, UnstyledButton, Group, Text } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle, IconInfoCircle } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../session/SessionContext';
import { useSession } from '../session/SessionProvider';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const me = useMe();
  const session = useSession();
  const navigate = useNavigate();
  const signOut = async () => {
    await session.signOut();
    navigate('/sign-in', { replace: true });
  };
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Your account: ${me.user.displayName}`}>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="dusk" radius="xl" size={32}>
              {initials(me.user.displayName)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {me.user.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
          Account
        </Menu.Item>
        <Menu.Item component={Link} to="/about" leftSection={<IconInfoCircle size={16} aria-hidden />}>
          About Liminal
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => void signOut()} leftSection={<IconLogout size={16} aria-hidden />}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
