import { AppShell, Container, Group } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { useMe } from '../session/SessionContext';
import { Brand } from './Brand';
import { UserMenu } from './UserMenu';

/** The frame for a client's own portal: no staff navigation at all. */
export function PortalLayout() {
  const me = useMe();
  return (
    <AppShell header={{ height: 60 }} padding="lg" styles={{ main: { background: '#f6f4f0', minHeight: '100vh' } }}>
      <AppShell.Header>
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Link to="/portal" style={{ textDecoration: 'none' }} aria-label="Liminal — your portal">
              <Brand sub={me.practice.name} />
            </Link>
            <UserMenu />
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="md">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
