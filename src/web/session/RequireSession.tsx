import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorMessage } from '../components/FormError';
import { Loading } from '../components/States';
import { IdleGuard } from './IdleGuard';
import { isAdmin, isStaff, SessionContext, useMe, type Me } from './SessionContext';
import { useSession } from './SessionProvider';
import { SignInOverlay } from './SignInOverlay';

/** Where a person lands after signing in. */
export function homePath(me: Me): string {
  if (me.mustSetUpMfa) return '/account?setup=two-factor';
  return isStaff(me) ? '/today' : '/portal';
}

/**
 * The gate for signed-in pages. Signed out → /sign-in (remembering the way back). When the
 * session ends while a page is open, the page stays mounted under the sign-in overlay.
 */
export function RequireSession() {
  const { state, refresh } = useSession();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <Center mih="100vh">
        <Loading label="Opening Liminal…" />
      </Center>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <Center mih="100vh" p="md">
        <Paper withBorder p="xl" maw={480} role="alert">
          <Stack>
            <Title order={1} size="h3">
              Liminal cannot reach its server
            </Title>
            <Text c="dimmed">{errorMessage(state.error)}</Text>
            <Button onClick={() => void refresh()}>Try again</Button>
          </Stack>
        </Paper>
      </Center>
    );
  }
  if (state.status === 'signed_out') {
    const here = location.pathname + location.search + location.hash;
    const to = state.deliberate || here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }

  const me = state.me;
  if (me.mustSetUpMfa && location.pathname !== '/account') {
    return <Navigate to="/account?setup=two-factor" replace />;
  }
  return (
    <SessionContext.Provider value={me}>
      <Outlet />
      <IdleGuard me={me} />
      {state.status === 'expired' && <SignInOverlay me={me} reason={state.reason} />}
    </SessionContext.Provider>
  );
}

/** Staff pages: a client account is sent to its portal. */
export function StaffOnly({ children }: { children?: ReactNode }) {
  const me = useMe();
  if (!isStaff(me)) return <Navigate to="/portal" replace />;
  return <>{children ?? <Outlet />}</>;
}

/** Pages for practice admins; others are told plainly. */
export function AdminOnly({ children }: { children?: ReactNode }) {
  const me = useMe();
  if (!isAdmin(me)) {
    return (
      <Paper withBorder p="xl" maw={560}>
        <Stack>
          <Title order={1} size="h3">
            For practice admins
          </Title>
          <Text c="dimmed">This page is kept for the practice's admins. If you need something here, ask one of them.</Text>
        </Stack>
      </Paper>
    );
  }
  return <>{children ?? <Outlet />}</>;
}

/** The portal: only for client accounts. */
export function ClientOnly({ children }: { children?: ReactNode }) {
  const me = useMe();
  if (isStaff(me)) return <Navigate to="/today" replace />;
  return <>{children ?? <Outlet />}</>;
}

/** `/` goes to the right home. */
export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me)} replace />;
}
