import { Alert, Badge, Button, Code, Group, Image, List, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { roleLabels, type Role } from '../../../domain/people/roles';
import { api } from '../../api';
import { CopyField } from '../../components/CopyField';
import { fieldError, FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { passwordHint } from '../../components/PasswordPolicy';
import { Section, StatusBadge } from '../../components/Section';
import { Loading, LoadError } from '../../components/States';
import { CodeInput } from '../../session/CodeInput';
import { isStaff, useMe } from '../../session/SessionContext';
import { homePath } from '../../session/RequireSession';
import { quietly, useSession } from '../../session/SessionProvider';

export function AccountPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const setupAsked = me.mustSetUpMfa || params.get('setup') === 'two-factor';

  useEffect(() => {
    // When set-up is required, the explanation at the top is what to read first.
    if (setupAsked && !me.mustSetUpMfa) document.getElementById('two-factor')?.scrollIntoView({ block: 'start' });
  }, [setupAsked, me.mustSetUpMfa]);

  return (
    <>
      <PageHeader
        title="Account"
        description={
          <>
            {me.user.displayName}
            {me.user.pronouns ? ` (${me.user.pronouns})` : ''} · {me.user.email} · {me.practice.name}
          </>
        }
      />
      <Stack gap="lg" maw={820}>
        {me.mustSetUpMfa && (
          <Alert color="clay" variant="light" icon={<IconShieldLock aria-hidden />} title="One step before you begin" role="alert">
            {me.practice.name} asks everyone who sees clients to sign in with two factors: your password and a code from an app on your
            phone. It keeps client records safe even if a password leaks. Set it up below — it takes about a minute — and then Liminal
            opens as usual.
          </Alert>
        )}
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Your roles:
          </Text>
          {me.user.roles.map((r) => (
            <Badge key={r} variant="light">
              {roleLabels[r as Role] ?? r}
            </Badge>
          ))}
        </Group>
        <TwoFactorSection />
        <PasswordSection />
        {isStaff(me) && !me.mustSetUpMfa && <CalendarFeedSection />}
      </Stack>
    </>
  );
}

function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => quietly(() => api.post('/api/account/password', { currentPassword: current, newPassword: next })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      notifications.show({
        color: 'teal',
        title: 'Password changed',
        message: 'You stay signed in here. Any other devices signed in as you have been signed out.',
      });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate();
  };
  const err = change.error;
  const onlyFieldErrors = fieldError(err, 'currentPassword') || fieldError(err, 'newPassword');
  return (
    <Section id="password" title="Change your password" description="Changing it signs you out on every other device.">
      <form onSubmit={submit}>
        <Stack gap="md" maw={420}>
          {!onlyFieldErrors && <FormError error={err} />}
          <input type="text" autoComplete="username" hidden readOnly value="" />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={fieldError(err, 'currentPassword')}
            required
          />
          <PasswordInput
            label="New password"
            description={passwordHint()}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={fieldError(err, 'newPassword')}
            required
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={mismatch ? 'The two new passwords are not the same.' : undefined}
            required
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

interface MfaSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

function TwoFactorSection() {
  const me = useMe();
  const session = useSession();
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [disableOpen, disable] = useDisclosure(false);
  const [justEnabled, setJustEnabled] = useState(false);
  const wasRequired = useState(me.mustSetUpMfa)[0];

  const start = useMutation({
    mutationFn: () => api.post<MfaSetup>('/api/account/mfa/setup'),
    onSuccess: (s) => {
      setSetup(s);
      setCode('');
    },
  });
  const enable = useMutation({
    mutationFn: () => api.post('/api/account/mfa/enable', { code: code.replace(/\s+/g, '') }),
    onSuccess: async () => {
      setSetup(null);
      setCode('');
      setJustEnabled(true);
      await session.refresh();
      notifications.show({ color: 'teal', title: 'Two-factor sign-in is on', message: 'Next time you sign in, Liminal will ask for a code.' });
    },
  });
  const turnOff = useMutation({
    mutationFn: () => quietly(() => api.post('/api/account/mfa/disable', { password })),
    onSuccess: async () => {
      setPassword('');
      disable.close();
      await session.refresh();
      notifications.show({ title: 'Two-factor sign-in is off', message: 'You sign in with your password only.' });
    },
  });

  return (
    <Section
      id="two-factor"
      title="Two-factor sign-in"
      badge={<StatusBadge on={me.user.mfaEnabled} onLabel="On" offLabel="Off" />}
      description="A second step at sign-in: after your password, a six-digit code from an authenticator app on your phone (for example Aegis, Google Authenticator, 1Password or Microsoft Authenticator)."
    >
      {me.user.mfaEnabled ? (
        <Stack gap="sm">
          {justEnabled && wasRequired && (
            <Alert color="teal" variant="light" title="You're all set">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">Two-factor sign-in is on. Liminal is ready for you.</Text>
                <Button component={Link} to={homePath(me)} size="xs">
                  Continue to Liminal
                </Button>
              </Stack>
            </Alert>
          )}
          <Text size="sm">Two-factor sign-in is on for your account.</Text>
          <Group>
            <Button variant="default" onClick={disable.open}>
              Turn off two-factor sign-in
            </Button>
          </Group>
        </Stack>
      ) : setup ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            enable.mutate();
          }}
        >
          <Stack gap="md">
            <List type="ordered" spacing="xs" size="sm">
              <List.Item>Open your authenticator app and add an account.</List.Item>
              <List.Item>Scan this QR code, or type the key below by hand.</List.Item>
              <List.Item>Enter the six-digit code the app shows, to confirm.</List.Item>
            </List>
            <Group align="flex-start" gap="xl" wrap="wrap">
              <Image
                src={setup.qrDataUrl}
                alt="QR code to scan with your authenticator app"
                w={200}
                h={200}
                fit="contain"
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: '#fff' }}
              />
              <Stack gap="sm" style={{ flex: 1, minWidth: 260 }}>
                <CopyField label="Key for typing by hand" copyLabel="Copy key" value={setup.secret} />
                <Text size="xs" c="dimmed">
                  Time-based, six digits, every 30 seconds. Keep this key private.
                </Text>
                <FormError error={enable.error && !fieldError(enable.error, 'code') ? enable.error : null} />
                <CodeInput value={code} onChange={setCode} error={fieldError(enable.error, 'code')} required />
                <Group>
                  <Button type="submit" loading={enable.isPending}>
                    Turn on two-factor sign-in
                  </Button>
                  <Button variant="subtle" onClick={() => setSetup(null)}>
                    Cancel
                  </Button>
                </Group>
              </Stack>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm" align="flex-start">
          <FormError error={start.error} />
          <Button onClick={() => start.mutate()} loading={start.isPending} leftSection={<IconShieldLock size={16} aria-hidden />}>
            Set up two-factor sign-in
          </Button>
        </Stack>
      )}

      <Modal opened={disableOpen} onClose={disable.close} title="Turn off two-factor sign-in">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            turnOff.mutate();
          }}
        >
          <Stack gap="md">
            <Text size="sm">Your account will then be protected by your password alone. Enter your password to confirm.</Text>
            <FormError error={turnOff.error && !fieldError(turnOff.error, 'password') ? turnOff.error : null} />
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(turnOff.error, 'password')}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={disable.close}>
                Keep it on
              </Button>
              <Button type="submit" color="red" loading={turnOff.isPending}>
                Turn it off
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Section>
  );
}

function CalendarFeedSection() {
  const qc = useQueryClient();
  const feed = useQuery({ queryKey: ['account', 'calendar-feed'], queryFn: () => api.get<{ url: string | null }>('/api/account/calendar-feed') });
  const [confirmOpen, confirm] = useDisclosure(false);
  const make = useMutation({
    mutationFn: () => api.post<{ url: string }>('/api/account/calendar-feed', {}),
    onSuccess: (d) => {
      qc.setQueryData(['account', 'calendar-feed'], d);
      confirm.close();
      notifications.show({ color: 'teal', title: 'Calendar address ready', message: 'Copy it into your calendar app to subscribe.' });
    },
  });
  const url = feed.data?.url ?? null;
  return (
    <Section
      id="calendar-feed"
      title="Calendar feed"
      description={
        <>
          A private web address that your calendar app (Apple Calendar, Google Calendar, Outlook, Thunderbird) can subscribe to, so your
          Liminal sessions appear beside the rest of your life. For privacy the feed shows clients' <strong>initials only</strong> — never
          names, contact details or notes. Anyone who has the address can read it, so keep it to yourself; making a new one stops the old
          one working.
        </>
      }
    >
      {feed.isPending ? (
        <Loading label="Looking for your calendar address…" />
      ) : feed.isError ? (
        <LoadError error={feed.error} onRetry={() => void feed.refetch()} />
      ) : url ? (
        <Stack gap="sm">
          <CopyField label="Your calendar address (iCalendar)" copyLabel="Copy address" value={url} />
          <Group>
            <Button variant="default" onClick={confirm.open}>
              Replace with a new address
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm" align="flex-start">
          <Text size="sm">You have no calendar address yet.</Text>
          <FormError error={make.error} />
          <Button onClick={() => make.mutate()} loading={make.isPending}>
            Create my calendar address
          </Button>
        </Stack>
      )}
      <Modal opened={confirmOpen} onClose={confirm.close} title="Replace your calendar address?">
        <Stack gap="md">
          <Text size="sm">
            The current address stops working at once. Calendars subscribed to it will need the new one. Do this if the address may have been
            shared by mistake.
          </Text>
          <FormError error={make.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Keep the current address
            </Button>
            <Button onClick={() => make.mutate()} loading={make.isPending}>
              Make a new address
            </Button>
          </Group>
        </Stack>
      </Modal>
      {url && (
        <Text size="xs" c="dimmed">
          Tip: in your calendar app choose “Subscribe to calendar” or “Add calendar from URL” and paste the address. <Code>webcal://</Code>{' '}
          works too in most apps.
        </Text>
      )}
    </Section>
  );
}
