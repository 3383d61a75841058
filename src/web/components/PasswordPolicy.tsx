import { Text } from '@mantine/core';

// Mirrors PASSWORD_MIN / PASSWORD_MAX in src/domain/people/password.ts (not imported: that module
// loads the common-password list, which does not belong in the browser bundle).
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 128;

/** The password rules, as a hint under a new-password field. The server has the last word. */
export function passwordHint(): string {
  return `At least ${PASSWORD_MIN} characters (up to ${PASSWORD_MAX}); spaces and any characters welcome. Very common passwords, and ones containing your email name, are refused. A short sentence you will remember works well.`;
}

export function PasswordPolicy() {
  return (
    <Text size="xs" c="dimmed">
      {passwordHint()}
    </Text>
  );
}
