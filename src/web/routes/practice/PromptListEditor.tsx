import { ActionIcon, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconRestore } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { fieldError, FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { useDraft } from '../../components/useDraft';
import { practiceKey, type NamedPrompt, type PracticeDetail } from './types';
import { SaveBar } from '../../components/SaveBar';

/**
 * An ordered list of named prompts (the five FORCE movements, the eight common factors). Admins
 * edit names, prompts and order; the count is fixed. While the list is Liminal's shipped default,
 * a badge says so plainly: it is a starting point, not the approach's definition.
 */
export function PromptListEditor({
  id,
  title,
  description,
  items,
  isDefault,
  canEdit,
  saveUrl,
  bodyKey,
  resetUrl,
  itemNoun,
  ordered,
}: {
  id: string;
  title: string;
  description: string;
  items: NamedPrompt[];
  isDefault: boolean;
  canEdit: boolean;
  saveUrl: string;
  bodyKey: 'movements' | 'factors';
  resetUrl: string;
  itemNoun: string;
  ordered: boolean;
}) {
  const qc = useQueryClient();
  const [draft, setDraft, clearDraft] = useDraft<NamedPrompt[] | null>(`practice:${id}`, null);
  const list = draft ?? items;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(items);
  const [confirmOpen, confirm] = useDisclosure(false);

  const save = useMutation({
    mutationFn: () => api.put<PracticeDetail>(saveUrl, { [bodyKey]: list.map((m) => ({ key: m.key, name: m.name.trim(), prompt: m.prompt.trim() })) }),
    onSuccess: (p) => {
      qc.setQueryData(practiceKey, p);
      clearDraft();
      notifications.show({ color: 'teal', title: `${title} saved`, message: 'Everyone in the practice sees the new wording from now on.' });
    },
  });
  const reset = useMutation({
    mutationFn: () => api.post<PracticeDetail>(resetUrl),
    onSuccess: (p) => {
      qc.setQueryData(practiceKey, p);
      clearDraft();
      confirm.close();
      notifications.show({ title: `${title}: default restored`, message: 'Liminal’s editable default is back in place.' });
    },
  });

  const update = (i: number, patch: Partial<NamedPrompt>) =>
    setDraft((prev) => (prev ?? items).map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const move = (i: number, by: -1 | 1) =>
    setDraft((prev) => {
      const next = [...(prev ?? items)];
      const a = next[i];
      const b = next[i + by];
      if (!a || !b) return next;
      next[i] = b;
      next[i + by] = a;
      return next;
    });

  const badge = isDefault ? (
    <Badge color="clay.8" variant="light" size="lg" style={{ textTransform: 'none' }}>
      Liminal&apos;s editable default — not the approach&apos;s definition
    </Badge>
  ) : (
    <Badge color="dusk" variant="light" size="lg" style={{ textTransform: 'none' }}>
      Your practice&apos;s own wording
    </Badge>
  );

  return (
    <Section
      id={id}
      title={title}
      description={description}
      badge={badge}
      actions={
        canEdit && !isDefault ? (
          <Button variant="default" leftSection={<IconRestore size={16} aria-hidden />} onClick={confirm.open}>
            Restore the default
          </Button>
        ) : undefined
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <FormError error={save.error} />
          <ol style={{ margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 8 }}>
            {list.map((m, i) => (
              <li key={m.key}>
                <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
                  <Group align="flex-start" wrap="nowrap" gap="sm">
                    <Stack gap={2} align="center" pt={4} w={36}>
                      <Text fw={700} c="dusk.8" aria-hidden>
                        {ordered ? i + 1 : '•'}
                      </Text>
                      {canEdit && ordered && (
                        <>
                          <Tooltip label="Move up">
                            <ActionIcon variant="subtle" size="sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${m.name || itemNoun} up`}>
                              <IconArrowUp size={14} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Move down">
                            <ActionIcon
                              variant="subtle"
                              size="sm"
                              disabled={i === list.length - 1}
                              onClick={() => move(i, 1)}
                              aria-label={`Move ${m.name || itemNoun} down`}
                            >
                              <IconArrowDown size={14} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        </>
                      )}
                    </Stack>
                    {canEdit ? (
                      <Group gap="sm" align="flex-start" style={{ flex: 1 }} wrap="wrap">
                        <TextInput
                          label={`${itemNoun} ${i + 1} name`}
                          value={m.name}
                          onChange={(e) => update(i, { name: e.currentTarget.value })}
                          error={fieldError(save.error, `${bodyKey}.${i}.name`)}
                          maxLength={80}
                          required
                          w={220}
                        />
                        <Textarea
                          label={`${itemNoun} ${i + 1} prompt`}
                          value={m.prompt}
                          onChange={(e) => update(i, { prompt: e.currentTarget.value })}
                          error={fieldError(save.error, `${bodyKey}.${i}.prompt`)}
                          autosize
                          minRows={1}
                          maxLength={500}
                          required
                          style={{ flex: 1, minWidth: 260 }}
                        />
                      </Group>
                    ) : (
                      <Stack gap={2} style={{ flex: 1 }}>
                        <Text fw={600}>{m.name}</Text>
                        <Text size="sm" c="dimmed">
                          {m.prompt}
                        </Text>
                      </Stack>
                    )}
                  </Group>
                </Paper>
              </li>
            ))}
          </ol>
          {canEdit && (
            <SaveBar label={`Save ${inSentence(title)}`} saving={save.isPending} dirty={dirty} onDiscard={clearDraft} />
          )}
        </Stack>
      </form>
      <Modal opened={confirmOpen} onClose={confirm.close} title={`Restore the default ${inSentence(title)}?`}>
        <Stack gap="md">
          <Text size="sm">
            Your practice&apos;s wording is replaced by Liminal&apos;s editable default. Sessions already recorded keep the movements they
            visited.
          </Text>
          <FormError error={reset.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Keep our wording
            </Button>
            <Button loading={reset.isPending} onClick={() => reset.mutate()}>
              Restore the default
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

/** A title inside a sentence: lower-case its first word unless it is an acronym (FORCE stays FORCE). */
function inSentence(title: string): string {
  const [first = '', ...rest] = title.split(' ');
  return [first === first.toUpperCase() ? first : first.toLowerCase(), ...rest].join(' ');
}
