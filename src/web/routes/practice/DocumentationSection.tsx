import { NumberInput, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { noteFormatExplanations, noteFormatLabels, noteFormats, type NoteFormat } from '../../../domain/notes/format';
import { fieldError, FormError } from '../../components/FormError';
import { SaveBar } from '../../components/SaveBar';
import { Section } from '../../components/Section';
import { useDraft } from '../../components/useDraft';
import { practiceKey, type PracticeDetail } from './types';

interface DocumentationForm {
  noteFormat: NoteFormat;
  unsignedNoteDays: number;
  planReviewDays: number;
}

/** How the practice documents: the progress-note format, when unsigned notes call for attention, and how often plans are reviewed. */
export function DocumentationSection({ practice, canEdit }: { practice: PracticeDetail; canEdit: boolean }) {
  const qc = useQueryClient();
  const server: DocumentationForm = {
    noteFormat: practice.settings.noteFormat ?? 'dap',
    unsignedNoteDays: practice.settings.unsignedNoteDays ?? 3,
    planReviewDays: practice.settings.planReviewDays ?? 90,
  };
  const [draft, setDraft, clearDraft] = useDraft<DocumentationForm | null>('practice:documentation', null);
  const form = draft ?? server;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(server);
  const set = (patch: Partial<DocumentationForm>) => setDraft((prev) => ({ ...(prev ?? server), ...patch }));

  const save = useMutation({
    mutationFn: () => api.patch<PracticeDetail>('/api/practice', form),
    onSuccess: (p) => {
      qc.setQueryData(practiceKey, p);
      clearDraft();
      void qc.invalidateQueries({ queryKey: ['todo'] });
      notifications.show({ color: 'teal', title: 'Documentation settings saved', message: 'New notes and to-do lists follow them from now on.' });
    },
  });

  return (
    <Section id="documentation" title="Documentation" description="How progress notes are written and when unfinished work shows on people’s to-do lists.">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <FormError error={save.error} />
          <Radio.Group
            label="Progress note format"
            description="The format new progress notes are written in. A practitioner can choose another one for a single note; what they write is the same either way, only the headings change."
            value={form.noteFormat}
            onChange={(v) => set({ noteFormat: v as NoteFormat })}
            error={fieldError(save.error, 'noteFormat')}
            readOnly={!canEdit}
          >
            <Stack gap="sm" mt="xs">
              {noteFormats.map((f) => (
                <Radio key={f} value={f} label={noteFormatLabels[f]} description={noteFormatExplanations[f]} disabled={!canEdit} />
              ))}
            </Stack>
          </Radio.Group>
          <Stack gap="md" maw={420}>
            <NumberInput
              label="Days before an unsigned note shows on the to-do list"
              description="Between 1 and 30 days after the session."
              value={form.unsignedNoteDays}
              onChange={(v) => set({ unsignedNoteDays: typeof v === 'number' ? v : Number(v) || 0 })}
              min={1}
              max={30}
              allowDecimal={false}
              error={fieldError(save.error, 'unsignedNoteDays')}
              readOnly={!canEdit}
            />
            <NumberInput
              label="Days between treatment-plan reviews"
              description="Between 30 and 365 days; suggested as the next review date when a plan is published."
              value={form.planReviewDays}
              onChange={(v) => set({ planReviewDays: typeof v === 'number' ? v : Number(v) || 0 })}
              min={30}
              max={365}
              step={15}
              allowDecimal={false}
              error={fieldError(save.error, 'planReviewDays')}
              readOnly={!canEdit}
            />
          </Stack>
          {canEdit ? (
            <SaveBar label="Save documentation settings" saving={save.isPending} dirty={dirty} onDiscard={clearDraft} />
          ) : (
            <Text size="sm" c="dimmed">
              Ask a practice admin if these should change.
            </Text>
          )}
        </Stack>
      </form>
    </Section>
  );
}
