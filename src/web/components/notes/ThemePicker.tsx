import { Badge, Group, TagsInput, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api';
import { themeKey, themeStageLabels } from '../../../domain/themes/arc';
import { errorMessage } from '../FormError';
import { notesKeys, type Theme, type ThemesAnswer } from './types';

export function useClientThemes(clientId: string) {
  return useQuery({
    queryKey: notesKeys.themes(clientId),
    queryFn: () => api.get<ThemesAnswer>(`/api/clients/${clientId}/themes`),
    enabled: Boolean(clientId),
  });
}

/**
 * Tag a note with the client's themes: choose existing ones, or type a new name and press Enter
 * to create it (a name already used, whatever its case or accents, reuses that theme).
 */
export function ThemePicker(props: {
  clientId: string;
  value: string[];
  onChange: (update: (prev: string[]) => string[]) => void;
  label?: string;
  description?: string;
  readOnly?: boolean;
}) {
  const qc = useQueryClient();
  const themes = useClientThemes(props.clientId);
  const list = themes.data?.themes ?? [];
  const byId = new Map(list.map((t) => [t.id, t]));
  const [creating, setCreating] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (name: string) => api.post<Theme>(`/api/clients/${props.clientId}/themes`, { name }, { idempotencyKey: newIdempotencyKey() }),
  });

  const names = [...props.value.map((id) => byId.get(id)?.name ?? 'Loading…'), ...creating];

  const onChange = (next: string[]) => {
    const keep: string[] = [];
    const fresh: string[] = [];
    for (const name of next) {
      const found = list.find((t) => themeKey(t.name) === themeKey(name));
      if (found) keep.push(found.id);
      else if (!creating.some((c) => themeKey(c) === themeKey(name)) && name.trim()) fresh.push(name.trim());
    }
    props.onChange(() => [...new Set(keep)]);
    setCreating((c) => c.filter((n) => next.includes(n)));
    for (const name of fresh) {
      setCreating((c) => [...c, name]);
      create.mutate(name, {
        onSuccess: (theme) => {
          qc.setQueryData<ThemesAnswer>(notesKeys.themes(props.clientId), (old) =>
            old ? { ...old, themes: old.themes.some((t) => t.id === theme.id) ? old.themes : [...old.themes, theme] } : old,
          );
          void qc.invalidateQueries({ queryKey: notesKeys.themes(props.clientId) });
          props.onChange((prev) => (prev.includes(theme.id) ? prev : [...prev, theme.id]));
        },
        onSettled: () => setCreating((c) => c.filter((n) => n !== name)),
      });
    }
  };

  if (props.readOnly) {
    const chosen = props.value.map((id) => byId.get(id)).filter((t): t is Theme => t !== undefined);
    return (
      <div>
        <Text size="sm" fw={500}>
          {props.label ?? 'Themes'}
        </Text>
        {chosen.length === 0 ? (
          <Text size="sm" c="dimmed">
            No themes tagged.
          </Text>
        ) : (
          <Group gap={6} mt={4}>
            {chosen.map((t) => (
              <Badge key={t.id} variant="light" color="dusk" tt="none">
                {t.name} · {themeStageLabels[t.stage]}
              </Badge>
            ))}
          </Group>
        )}
      </div>
    );
  }

  return (
    <TagsInput
      label={props.label ?? 'Themes'}
      description={
        props.description ??
        'Patterns and themes that showed up. Choose one of this client’s themes, or type a new one and press Enter to add it.'
      }
      placeholder={list.length ? 'Choose or type a theme' : 'Type a theme and press Enter'}
      data={list.map((t) => t.name)}
      value={names}
      onChange={onChange}
      clearable
      acceptValueOnBlur={false}
      error={create.error ? errorMessage(create.error) : themes.error ? errorMessage(themes.error) : undefined}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Theme names for read-only places. */
export function themeNames(themes: Theme[] | undefined, ids: string[]): string[] {
  const byId = new Map((themes ?? []).map((t) => [t.id, t.name]));
  return ids.map((id) => byId.get(id)).filter((n): n is string => n !== undefined);
}
