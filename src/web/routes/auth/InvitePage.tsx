import { Badge, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { roleLabels, type Role } from '../../../domain/people/roles';
import { api } from '../../api';
import { fieldError, FormError } from '../../components/FormError';
import { passwordHint } from '../../components/PasswordPolicy';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading, LoadError } from '../../components/States';
import { PublicLayout } from '../../layout/PublicLayout';
import type { Me } from '../../session/SessionContext';
import { homePath } from '../../session/RequireSession';
import { quietly, useSession } from '../../session/SessionProvider';

interface InviteInfo {
  email: string;
  displayName: string;
  practiceName: string;
  roles: string[];
}

/** Accepting an invitation: choose a password, and you are in. */
export function InvitePage() {
  useDocumentTitle('Accept your invitation');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const invite = useQuery({
    queryKey: ['public', 'invite', token],
    queryFn: () => api.get<InviteInfo>(`/api/public/invites/${encodeURIComponent(token)}`),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () =>
      quietly(() => api.post<{ status: 'signed_in'; me: Me }>(`/api/public/invites/${encodeURIComponent(token)}/accept`, { password })),
    onSuccess: (answer) => {
      session.signedIn(answer.me);
      navigate(homePath(answer.me), { replace: true });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    accept.mutate();
  };

  return (
    <PublicLayout size="xs">
      <Paper withBorder shadow="xs" p="xl" mt="xl">
        {invite.isPending ? (
          <Loading label="Opening your invitation…" />
        ) : invite.isError ? (
          <Stack>
            <Title order={1} size="h2">
              This invitation cannot be used
            </Title>
            <LoadError error={invite.error} />
            <Text size="sm" c="dimmed">
              Invitations expire, and each can be used once. Ask your practice admin to send a new one.
            </Text>
          </Stack>
        ) : (
          <form onSubmit={submit}>
            <Stack gap="md">
              <Stack gap={4}>
                <Title order={1} size="h2">
                  Welcome, {invite.data.displayName}
                </Title>
                <Text c="dimmed">
                  {invite.data.practiceName} has invited you to Liminal. Choose a password to finish setting up your account.
                </Text>
              </Stack>
              <Group gap="xs">
                <Text size="sm">{invite.data.email}</Text>
                {invite.data.roles.map((r) => (
                  <Badge key={r} variant="light">
                    {roleLabels[r as Role] ?? r}
                  </Badge>
                ))}
              </Group>
              <FormError error={accept.error && !fieldError(accept.error, 'password') ? accept.error : null} />
              <input type="email" autoComplete="username" value={invite.data.email} readOnly hidden />
              <PasswordInput
                label="New password"
                description={passwordHint()}
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fieldError(accept.error, 'password')}
                required
                autoFocus
              />
              <PasswordInput
                label="Repeat the password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.currentTarget.value)}
                error={mismatch ? 'The two passwords are not the same.' : undefined}
                required
              />
              <Button type="submit" loading={accept.isPending} fullWidth>
                Set password and sign in
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
    </PublicLayout>
  );
}
