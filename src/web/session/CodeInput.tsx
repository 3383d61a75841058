import { TextInput, type TextInputProps } from '@mantine/core';

/** A six-digit one-time code from an authenticator app. */
export function CodeInput(props: Omit<TextInputProps, 'onChange' | 'value'> & { value: string; onChange(v: string): void }) {
  const { value, onChange, ...rest } = props;
  return (
    <TextInput
      label="Code from your authenticator app"
      description="Six digits; it changes every 30 seconds."
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={8}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value.replace(/[^\d\s]/g, ''))}
      styles={{ input: { letterSpacing: '0.3em', fontSize: 18, maxWidth: 200 } }}
      {...rest}
    />
  );
}
