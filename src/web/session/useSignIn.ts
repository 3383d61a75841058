import { useCallback, useState } from 'react';
import { api, ApiError } from '../api';
import type { Me } from './SessionContext';
import { quietly } from './SessionProvider';

type SignInAnswer = { status: 'signed_in'; me: Me } | { status: 'mfa_required' };

export interface SignInFlow {
  step: 'password' | 'code';
  busy: boolean;
  error: unknown;
  submitPassword(input: { practice: string; email: string; password: string }): Promise<void>;
  submitCode(code: string): Promise<void>;
  back(): void;
}

/** The two steps of signing in (password, then a code when two-factor is on), shared by the page and the overlay. */
export function useSignIn(onSignedIn: (me: Me) => void): SignInFlow {
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submitPassword = useCallback(
    async (input: { practice: string; email: string; password: string }) => {
      setBusy(true);
      setError(null);
      try {
        const answer = await quietly(() => api.post<SignInAnswer>('/api/auth/sign-in', input));
        if (answer.status === 'signed_in') onSignedIn(answer.me);
        else setStep('code');
      } catch (e) {
        if (e instanceof ApiError && e.code === 'mfa_required') setStep('code');
        else setError(e);
      } finally {
        setBusy(false);
      }
    },
    [onSignedIn],
  );

  const submitCode = useCallback(
    async (code: string) => {
      setBusy(true);
      setError(null);
      try {
        const answer = await quietly(() => api.post<SignInAnswer>('/api/auth/mfa', { code: code.replace(/\s+/g, '') }));
        if (answer.status === 'signed_in') onSignedIn(answer.me);
        else setError(new ApiError(401, 'mfa_required', 'Enter the six-digit code from your authenticator app.'));
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [onSignedIn],
  );

  const back = useCallback(() => {
    setStep('password');
    setError(null);
  }, []);

  return { step, busy, error, submitPassword, submitCode, back };
}
