import { Anchor, Button, Group, Paper, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { FormError } from '../../components/FormError';
import { useDocumentTitle } from '../../components/PageHeader';
import { PublicLayout } from '../../layout/PublicLayout';
import { CodeInput } from '../../session/CodeInput';
import { homePath } from '../../session/RequireSession';
import { useSession } from '../../session/SessionProvider';
import { useSignIn } from '../../session/useSignIn';

interface PublicPractice {
  slug: string;
  name: string;
}

/** Only paths inside this app are followed after signing in. */
function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return null;
  return next;
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const practices = useQuery({
    queryKey: ['public', 'practices'],
    queryFn: () => api.get<PublicPractice[]>('/api/public/practices'),
  });
  const [practice, setPractice] = useState<string | null>(params.get('practice'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const flow = useSignIn(session.signedIn);

  useEffect(() => {
    const list = practices.data;
    if (!practice && list && list.length === 1 && list[0]) setPractice(list[0].slug);
  }, [practices.data, practice]);

  if (session.state.status === 'signed_in') {
    const me = session.state.me;
    return <Navigate to={me.mustSetUpMfa ? homePath(me) : (next ?? homePath(me))} replace />;
  }

  const options = (practices.data ?? []).map((p) => ({ value: p.slug, label: p.name }));

  const onPassword = (e: FormEvent) => {
    e.preventDefault();
    if (!practice) return;
    void flow.submitPassword({ practice, email: email.trim(), password });
  };
  const onCode = (e: FormEvent) => {
    e.preventDefault();
    void flow.submitCode(code);
  };

  return (
    <PublicLayout size="xs">
      <Paper withBorder shadow="xs" p="xl" mt="xl">
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={1} size="h2">
              Sign in
            </Title>
            <Text c="dimmed" size="sm">
              {flow.step === 'password'
                ? 'Welcome back. Sign in to your practice.'
                : 'Two-factor sign-in is on for your account. Open your authenticator app.'}
            </Text>
          </Stack>
          {session.state.status === 'signed_out' && session.state.deliberate && flow.step === 'password' && !flow.error && (
            <Text size="sm" role="status">
              You have signed out. Thank you for the care you gave today.
            </Text>
          )}
          <FormError error={flow.error} />
          {flow.step === 'password' ? (
            <form onSubmit={onPassword} noValidate={false}>
              <Stack gap="md">
                <Select
                  label="Practice"
                  placeholder={practices.isPending ? 'Loading practices…' : 'Choose your practice'}
                  data={options}
                  value={practice}
                  onChange={setPractice}
                  searchable={options.length > 6}
                  allowDeselect={false}
                  required
                  nothingFoundMessage="No practice by that name"
                  error={practices.isError ? 'The list of practices could not be loaded. Reload the page to try again.' : undefined}
                />
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  required
                  autoFocus
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  required
                />
                <Button type="submit" loading={flow.busy} disabled={!practice} fullWidth mt="xs">
                  Sign in
                </Button>
                <Text size="xs" c="dimmed">
                  Forgot your password? Ask your practice admin to send you a new invitation.
                </Text>
              </Stack>
            </form>
          ) : (
            <form onSubmit={onCode}>
              <Stack gap="md">
                <CodeInput value={code} onChange={setCode} required autoFocus />
                <Button type="submit" loading={flow.busy} fullWidth>
                  Verify and sign in
                </Button>
                <Group justify="center">
                  <Anchor component="button" type="button" size="sm" onClick={flow.back}>
                    Start again
                  </Anchor>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </PublicLayout>
  );
}
