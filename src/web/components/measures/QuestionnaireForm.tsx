import { Alert, Box, Button, Group, NumberInput, Paper, Progress, Radio, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconHeartHandshake, IconLifebuoy, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import {
  allItems,
  answerableItems,
  type InstrumentDefinition,
  itemRange,
  ordinalValue,
  type QuestionnaireItem,
} from '../../../domain/measures/definition';
import { newIdempotencyKey } from '../../api';
import { FormError } from '../FormError';
import { useDraft } from '../useDraft';
import type { Completed } from './types';

type Answers = Record<string, number>;

interface Props {
  definition: InstrumentDefinition;
  /** Sends the answers (linkId → value of the chosen answer); the key makes a retried send land once. */
  send: (answers: Answers, idempotencyKey: string) => Promise<Completed>;
  /** Where the answers given so far are kept in this tab (across a reload or the sign-in overlay). */
  draftKey: string;
  /** Who is answering: the client on their own, or the client (or practitioner) in session. */
  voice?: 'client' | 'session';
  /** Shown under the thank-you: a way on (back to the list, close). */
  after?: (result: Completed) => ReactNode;
  onSent?: (result: Completed) => void;
}

/** The answer text chosen for an item, or undefined. */
export function answerText(item: QuestionnaireItem, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (item.type !== 'choice') return String(value);
  return item.answerOption?.find((o) => ordinalValue(o) === value)?.valueCoding.display;
}

/** The text shown above the questions: the instrument's display items ("Over the last 2 weeks…"). */
function introText(definition: InstrumentDefinition): string[] {
  return allItems(definition.questionnaire.item)
    .filter((i) => i.type === 'display')
    .map((i) => i.text);
}

/**
 * A questionnaire, one question at a time (also on a phone): each question a fieldset with its legend
 * and radio answers, a progress line, a review of every answer, then send. After sending, a thank-you;
 * when an answer calls for it, the practice's crisis resources come first, announced at once.
 */
export function QuestionnaireForm({ definition, send, draftKey, voice = 'client', after, onSent }: Props) {
  const items = answerableItems(definition);
  const intro = introText(definition);
  const [draft, setDraft, clearDraft] = useDraft<{ answers: Answers; step: number }>(`measure:${draftKey}`, { answers: {}, step: 0 });
  const answers = draft.answers;
  const step = Math.min(Math.max(draft.step, 0), items.length);
  const [missing, setMissing] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const errorId = useId();

  const submit = useMutation({
    mutationFn: () => send(answers, idempotencyKey),
    onSuccess: (result) => {
      clearDraft();
      onSent?.(result);
    },
  });

  // Move focus to the new question (or the review, or the thank-you) so a screen reader reads it out.
  useEffect(() => {
    if (!moved.current) return;
    headingRef.current?.focus();
  }, [step, submit.isSuccess]);

  const go = (next: number) => {
    moved.current = true;
    setMissing(false);
    setDraft((d) => ({ ...d, step: next }));
  };
  const choose = (linkId: string, value: number | undefined) => {
    setMissing(false);
    setDraft((d) => {
      const next = { ...d.answers };
      if (value === undefined) delete next[linkId];
      else next[linkId] = value;
      return { ...d, answers: next };
    });
  };

  if (submit.isSuccess) {
    const result = submit.data;
    return (
      <Stack gap="md">
        {result.crisisResources !== null && (
          <Alert role="alert" color="clay" variant="filled" radius="md" icon={<IconLifebuoy aria-hidden />} title="Please reach out for support now">
            <Stack gap="xs">
              <Text size="sm">
                {voice === 'client'
                  ? 'One of your answers tells us you may be having thoughts of hurting yourself or of being better off dead. You do not have to carry that alone. Your practitioner has been told.'
                  : 'One of the answers asks for care today: the practitioners in this client’s care have been alerted.'}
              </Text>
              <Text size="sm" fw={600} className="prewrap">
                {result.crisisResources}
              </Text>
            </Stack>
          </Alert>
        )}
        <Paper withBorder radius="md" p="lg">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <IconHeartHandshake size={32} color="var(--mantine-color-dusk-7)" aria-hidden style={{ flexShrink: 0 }} />
            <Stack gap={4}>
              <Title order={3} size="h4" ref={headingRef} tabIndex={-1}>
                Thank you
              </Title>
              <Text>
                {result.message ??
                  (voice === 'client'
                    ? 'Your answers have reached your practitioner. Thank you for taking the time; it helps the two of you see how things are going.'
                    : 'The answers are saved with this client’s measures.')}
              </Text>
              {voice === 'session' && result.score && (
                <Text size="sm" c="dimmed">
                  {result.score.title}: total {result.score.total}, {result.score.severity.label.toLowerCase()}.
                </Text>
              )}
            </Stack>
          </Group>
          {after && <Box mt="md">{after(result)}</Box>}
        </Paper>
      </Stack>
    );
  }

  if (step >= items.length) {
    return (
      <Stack gap="md">
        <Title order={3} size="h4" ref={headingRef} tabIndex={-1}>
          Check your answers
        </Title>
        <Text size="sm" c="dimmed">
          You can change any answer before sending.
        </Text>
        <Stack gap={0} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Your answers">
          {items.map((item, i) => {
            const text = answerText(item, answers[item.linkId]);
            return (
              <Group component="li" key={item.linkId} justify="space-between" wrap="nowrap" gap="sm" py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm">
                    {i + 1}. {item.text}
                  </Text>
                  <Text size="sm" fw={600} c={text ? undefined : 'dimmed'}>
                    {text ?? (item.required ? 'Not answered yet' : 'Left out')}
                  </Text>
                </Stack>
                <Button variant="subtle" size="compact-sm" onClick={() => go(i)} aria-label={`Change your answer to question ${i + 1}`} style={{ flexShrink: 0 }}>
                  Change
                </Button>
              </Group>
            );
          })}
        </Stack>
        <FormError error={submit.error} />
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={() => go(items.length - 1)}>
            Back
          </Button>
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            loading={submit.isPending}
            disabled={items.some((i) => i.required && answers[i.linkId] === undefined)}
            onClick={() => submit.mutate()}
          >
            {voice === 'client' ? 'Send my answers' : 'Save the answers'}
          </Button>
        </Group>
      </Stack>
    );
  }

  const item = items[step];
  if (!item) return null;
  const value = answers[item.linkId];
  const onNext = (e: FormEvent) => {
    e.preventDefault();
    if (item.required && value === undefined) {
      setMissing(true);
      return;
    }
    go(step + 1);
  };
  const range = itemRange(item);

  return (
    <form onSubmit={onNext} noValidate>
      <Stack gap="md">
        {intro.map((t) => (
          <Text key={t} c="dimmed">
            {t}
          </Text>
        ))}
        <Stack gap={4}>
          <Text size="sm" c="dimmed" aria-hidden>
            Question {step + 1} of {items.length}
          </Text>
          <Progress value={((step + 1) / items.length) * 100} size="sm" radius="xl" aria-label={`Question ${step + 1} of ${items.length}`} />
        </Stack>
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} aria-describedby={missing ? errorId : undefined}>
          <legend style={{ padding: 0, marginBottom: 'var(--mantine-spacing-md)' }}>
            <VisuallyHidden component="span">
              Question {step + 1} of {items.length}:{' '}
            </VisuallyHidden>
            <Title order={3} size="h4" fw={600} ref={headingRef} tabIndex={-1} style={{ lineHeight: 1.4 }}>
              {item.prefix ? `${item.prefix} ` : ''}
              {item.text}
            </Title>
          </legend>
          {item.type === 'choice' ? (
            <Stack gap="xs">
              {(item.answerOption ?? []).map((o) => {
                const v = ordinalValue(o);
                const checked = v !== undefined && value === v;
                return (
                  <Paper
                    key={o.valueCoding.code}
                    withBorder
                    radius="md"
                    px="md"
                    py="sm"
                    bg={checked ? 'var(--mantine-color-dusk-0)' : undefined}
                    style={{ borderColor: checked ? 'var(--mantine-color-dusk-5)' : undefined }}
                  >
                    <Radio
                      name={`q-${draftKey}-${item.linkId}`}
                      value={o.valueCoding.code}
                      label={o.valueCoding.display}
                      checked={checked}
                      onChange={() => choose(item.linkId, v)}
                      size="md"
                      styles={{ label: { cursor: 'pointer' }, radio: { cursor: 'pointer' } }}
                    />
                  </Paper>
                );
              })}
            </Stack>
          ) : (
            <NumberInput
              label="Your answer"
              description={range ? `From ${range.min} to ${range.max}` : undefined}
              min={range?.min}
              max={range?.max}
              allowDecimal={item.type === 'decimal'}
              value={value ?? ''}
              onChange={(v) => choose(item.linkId, typeof v === 'number' ? v : v === '' ? undefined : Number(v))}
              maw={200}
            />
          )}
        </fieldset>
        {missing && (
          <Text id={errorId} c="red.8" size="sm" role="alert">
            Choose the answer that fits best to go on.
          </Text>
        )}
        <Group justify="space-between">
          {step > 0 ? (
            <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={() => go(step - 1)}>
              Previous question
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            {!item.required && value === undefined && (
              <Button variant="subtle" onClick={() => go(step + 1)}>
                Leave this one out
              </Button>
            )}
            <Button type="submit" rightSection={<IconArrowRight size={16} aria-hidden />}>
              {step === items.length - 1 ? 'Review my answers' : 'Next question'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
