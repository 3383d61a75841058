import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password.js';

describe('password policy', () => {
  it('refuses short, overlong and common passwords', () => {
    expect(passwordProblem('short')).toMatch(/at least 8/);
    expect(passwordProblem('x'.repeat(129))).toMatch(/at most 128/);
    expect(passwordProblem('password1')).toMatch(/commonly used/);
    expect(passwordProblem('Qwertyuiop')).toMatch(/commonly used/);
  });

  it('accepts any Unicode and counts characters, not bytes', () => {
    expect(passwordProblem('мирдружбажвачка')).toBeNull();
    expect(passwordProblem('🌿🌿🌿🌿🌿🌿🌿🌿')).toBeNull();
    expect(passwordProblem('🌿🌿🌿')).toMatch(/at least 8/);
  });

  it('refuses a password built on the email name', () => {
    expect(passwordProblem('amara.okafor-2026', { email: 'amara.okafor@example.org' })).toMatch(/email/);
  });
});
