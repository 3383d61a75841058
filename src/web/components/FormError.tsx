import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ApiError } from '../api';
import { useSessionMaybe } from '../session/SessionProvider';

/** The message to show a person for any error thrown by the API layer (or anything else). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}

/** Shows an ApiError's message in plain words; nothing when there is no error. */
export function FormError({ error, title }: { error: unknown; title?: string }) {
  const session = useSessionMaybe();
  if (error === null || error === undefined) return null;
  // A 401 that raised the sign-in overlay: once signed in again, say what happened in plain words.
  if (error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated' && session?.state.status === 'signed_in') {
    return (
      <Alert role="alert" color="yellow" variant="light" icon={<IconAlertCircle size={18} aria-hidden />}>
        Your session had ended, so this did not go through. You are signed in again: please try once more.
      </Alert>
    );
  }
  const isConflict = error instanceof ApiError && error.code === 'conflict';
  return (
    <Alert
      role="alert"
      color={isConflict ? 'yellow' : 'red'}
      variant="light"
      icon={<IconAlertCircle size={18} aria-hidden />}
      title={title ?? (isConflict ? 'Someone changed this meanwhile' : undefined)}
    >
      {errorMessage(error)}
    </Alert>
  );
}

/** The message for one field from ApiError.fields, for a Mantine input's `error` prop. */
export function fieldError(error: unknown, name: string): string | undefined {
  if (error instanceof ApiError) return error.fields[name];
  return undefined;
}
