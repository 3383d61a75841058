import { Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { sessionChannel } from './channel';
import type { Me } from './SessionContext';
import { quietly, useSession } from './SessionProvider';

// `input` as well as keys: dictation, autofill and paste change fields without a keypress.
const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'input', 'wheel', 'touchstart', 'scroll'] as const;

function mmss(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * The idle time-out. While the person is active, renews the server's idle timer at most once a
 * minute; warns two minutes before it would run out; at the end, signs out and raises the
 * sign-in overlay (the page itself stays as it is).
 *
 * The expiry is reckoned on this browser's clock from when each renewal was sent, so a clock
 * that differs from the server's cannot make the warning come late.
 */
export function IdleGuard({ me }: { me: Me }) {
  const session = useSession();
  const navigate = useNavigate();
  const active = session.state.status === 'signed_in';
  const timeoutMs = Math.max(1, me.practice.idleTimeoutMinutes) * 60_000;
  const warnLeadMs = Math.min(120_000, timeoutMs / 2);
  const throttleMs = Math.min(60_000, timeoutMs / 4);

  const expiresAt = useRef(Date.now() + timeoutMs);
  const lastSent = useRef(Date.now());
  const trailing = useRef<number | null>(null);
  const warningOpen = useRef(false);
  const [remaining, setRemaining] = useState<number | null>(null);

  // A fresh sign-in (or a new Me) starts the clock again.
  useEffect(() => {
    if (!active) return;
    const now = Date.now();
    expiresAt.current = now + timeoutMs;
    lastSent.current = now;
    warningOpen.current = false;
    setRemaining(null);
  }, [active, me, timeoutMs]);

  const keepAlive = useCallback(async () => {
    if (trailing.current !== null) {
      window.clearTimeout(trailing.current);
      trailing.current = null;
    }
    const sentAt = Date.now();
    lastSent.current = sentAt;
    try {
      await api.post('/api/auth/keep-alive');
      const next = sentAt + timeoutMs;
      if (next > expiresAt.current) expiresAt.current = next;
      sessionChannel.post({ type: 'activity', expiresAt: expiresAt.current });
      return true;
    } catch {
      // A 401 raises the overlay through the session layer; a network blip is retried on the next activity.
      return false;
    }
  }, [timeoutMs]);

  // Activity in this tab.
  useEffect(() => {
    if (!active) return;
    const onActivity = () => {
      if (warningOpen.current) return;
      const now = Date.now();
      if (now >= expiresAt.current) return;
      const since = now - lastSent.current;
      if (since >= throttleMs) void keepAlive();
      else if (trailing.current === null) {
        trailing.current = window.setTimeout(() => {
          trailing.current = null;
          if (!warningOpen.current && Date.now() < expiresAt.current) void keepAlive();
        }, throttleMs - since);
      }
    };
    for (const ev of activityEvents) window.addEventListener(ev, onActivity, { passive: true, capture: true });
    return () => {
      for (const ev of activityEvents) window.removeEventListener(ev, onActivity, { capture: true });
      if (trailing.current !== null) {
        window.clearTimeout(trailing.current);
        trailing.current = null;
      }
    };
  }, [active, keepAlive, throttleMs]);

  // Activity in other tabs of the same browser extends this tab's clock too.
  useEffect(() => {
    return sessionChannel.listen((msg) => {
      if (msg.type === 'activity' && msg.expiresAt > expiresAt.current) {
        expiresAt.current = msg.expiresAt;
        if (warningOpen.current && msg.expiresAt - Date.now() > warnLeadMs) {
          warningOpen.current = false;
          setRemaining(null);
        }
      }
    });
  }, [warnLeadMs]);

  // The clock.
  useEffect(() => {
    if (!active) return;
    const tick = () => {
      const left = expiresAt.current - Date.now();
      if (left <= 0) {
        warningOpen.current = false;
        setRemaining(null);
        session.expire('idle');
        // End the session on the server too (it may have been kept alive by background reads).
        void quietly(() => api.post('/api/auth/sign-out')).catch(() => {});
        sessionChannel.post({ type: 'signed_out' });
      } else if (left <= warnLeadMs) {
        warningOpen.current = true;
        setRemaining(left);
      } else if (warningOpen.current) {
        warningOpen.current = false;
        setRemaining(null);
      }
    };
    tick();
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [active, warnLeadMs, session]);

  const stay = async () => {
    const ok = await keepAlive();
    if (ok) {
      warningOpen.current = false;
      setRemaining(null);
    }
  };

  const signOutNow = async () => {
    await session.signOut();
    navigate('/sign-in', { replace: true });
  };

  const open = active && remaining !== null;
  return (
    <Modal
      opened={open}
      onClose={() => void stay()}
      withCloseButton={false}
      closeOnClickOutside={false}
      title={<Text fw={600} size="lg" component="span">Are you still there?</Text>}
      aria-label="Idle time-out warning"
    >
      <Stack gap="md">
        <Text role="timer" aria-live="polite" size="lg">
          You'll be signed out in <strong>{mmss(remaining ?? 0)}</strong> for privacy
        </Text>
        <Progress value={((remaining ?? 0) / warnLeadMs) * 100} size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          Liminal signs people out after {me.practice.idleTimeoutMinutes === 1 ? 'a minute' : `${me.practice.idleTimeoutMinutes} minutes`} without activity, so client information is not left open on
          an unattended screen. Anything you have typed stays on the page.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void signOutNow()}>
            Sign out now
          </Button>
          <Button onClick={() => void stay()} data-autofocus>
            Stay signed in
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
