import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, Outlet } from 'react-router';
import { Brand } from './Brand';

/** The frame for pages anyone can open: sign-in, invites, the reach-out form, About. */
export function PublicLayout({
  children,
  size = 'sm',
  homeLink = true,
}: {
  children?: ReactNode;
  size?: 'xs' | 'sm' | 'md';
  /** False on pages for the public (the reach-out form), where "home" would only be a sign-in page. */
  homeLink?: boolean;
}) {
  return (
    <Box mih="100vh" bg="#f6f4f0" style={{ display: 'flex', flexDirection: 'column' }}>
      <Container size={size} w="100%" py="lg" component="header">
        {homeLink ? (
          <Link to="/" style={{ textDecoration: 'none', display: 'inline-block' }} aria-label="Liminal — home">
            <Brand />
          </Link>
        ) : (
          <Brand />
        )}
      </Container>
      <Container size={size} w="100%" style={{ flex: 1 }} component="main">
        {children ?? <Outlet />}
      </Container>
      <Container size={size} w="100%" py="lg" component="footer">
        <Group gap="md">
          <Text size="xs" c="dimmed">
            Liminal — open-source software for relationship-centred care.
          </Text>
          <Anchor component={Link} to="/about" size="xs" c="dimmed">
            About &amp; licences
          </Anchor>
        </Group>
      </Container>
    </Box>
  );
}
