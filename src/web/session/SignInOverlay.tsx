import { Anchor, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { FormError } from '../components/FormError';
import { CodeInput } from './CodeInput';
import type { Me } from './SessionContext';
import { useSession } from './SessionProvider';
import { useSignIn } from './useSignIn';

/**
 * Shown over the page when the session ends (idle time-out or a 401). The page underneath stays
 * mounted, so whatever was typed is still there after signing in again.
 */
export function SignInOverlay({ me, reason }: { me: Me; reason: 'idle' | 'server' }) {
  const session = useSession();
  const navigate = useNavigate();
  const flow = useSignIn(session.signedIn);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');

  const onPassword = (e: FormEvent) => {
    e.preventDefault();
    void flow.submitPassword({ practice: me.practice.slug, email: me.user.email, password });
  };
  const onCode = (e: FormEvent) => {
    e.preventDefault();
    void flow.submitCode(code);
  };
  const someoneElse = async () => {
    await session.signOut();
    navigate('/sign-in', { replace: true });
  };

  return (
    <Modal
      opened
      onClose={() => {}}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      trapFocus
      size="md"
      overlayProps={{ backgroundOpacity: 0.75, blur: 12 }}
      title={
        <Group gap="xs">
          <IconLock size={20} aria-hidden />
          <Text fw={600} size="lg" component="span">
            Signed out for privacy
          </Text>
        </Group>
      }
      aria-label="Sign in again to continue"
    >
      <Stack gap="md">
        <Text>
          {reason === 'idle'
            ? `You were away for a while, so Liminal signed you out to keep client information private.`
            : `Your session has ended.`}{' '}
          Sign in again to carry on where you were — what you typed on this page is kept.
        </Text>
        <Text size="sm" c="dimmed">
          Signing in as <strong>{me.user.displayName}</strong> ({me.user.email}) at {me.practice.name}.
        </Text>
        <FormError error={flow.error} />
        {flow.step === 'password' ? (
          <form onSubmit={onPassword}>
            <Stack gap="md">
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                required
                withAsterisk={false}
                data-autofocus
              />
              <Group justify="space-between">
                <Anchor component="button" type="button" size="sm" onClick={() => void someoneElse()}>
                  Sign in as someone else
                </Anchor>
                <Button type="submit" loading={flow.busy}>
                  Sign in and continue
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <form onSubmit={onCode}>
            <Stack gap="md">
              <CodeInput value={code} onChange={setCode} required withAsterisk={false} data-autofocus />
              <Group justify="space-between">
                <Anchor component="button" type="button" size="sm" onClick={flow.back}>
                  Back to password
                </Anchor>
                <Button type="submit" loading={flow.busy}>
                  Verify and continue
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}
