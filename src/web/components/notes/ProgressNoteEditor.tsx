import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconLock, IconMessageReply, IconSignature } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api } from '../../api';
import {
  emptyProgressFields,
  fieldLabels,
  noteFormatExplanations,
  noteFormatLabels,
  noteFormats,
  renderNote,
  type NoteFormat,
  type ProgressFieldKey,
} from '../../../domain/notes/format';
import { emptyRisk, riskLevelLabels, riskLevels, signingProblems, type RiskLevel } from '../../../domain/notes/progress';
import { FormError, fieldError } from '../FormError';
import { formatDateTime } from '../dates';
import { useAutosave, useIdempotencyKey } from '../useAutosave';
import { useMe } from '../../session/SessionContext';
import { AutosaveStatus } from './AutosaveStatus';
import { ConflictView, type ConflictRow } from './ConflictView';
import { SessionFactsPanel, useServiceCodes } from './SessionFactsPanel';
import { ThemePicker, themeNames, useClientThemes } from './ThemePicker';
import { notesKeys, type ProgressDraft, type ProgressNote, type ProgressNoteAnswer } from './types';
import { callNames, canonicalSections, sectionPeople, sectionText, withSection, type UnitOfSession } from './unitWords';

/** The element id of a field, for moving focus to what still needs writing. */
const fieldId = (key: string) => `progress-note-${key.replace('.', '-')}`;

/** An individual session's draft carries no person sections at all, so its save is exactly as before. */
const draftOf =
  (isUnit: boolean) =>
  (n: ProgressNote): ProgressDraft => ({
    format: n.format,
    fields: { ...emptyProgressFields(), ...n.fields },
    risk: { ...emptyRisk(), ...n.risk },
    serviceCode: n.serviceCode,
    themeIds: n.themeIds,
    ...(isUnit ? { personSections: canonicalSections(n.personSections) } : {}),
  });

/**
 * The progress note while it is a draft: written in six parts, previewed in the chosen format, autosaved, then signed.
 * For a unit session the six parts are the common part, and each client who attended has a section of their own below it.
 */
export function ProgressNoteEditor({
  sessionId,
  clientId,
  clientName,
  answer,
  unit = null,
}: {
  sessionId: string;
  clientId: string;
  clientName: string;
  answer: ProgressNoteAnswer;
  unit?: UnitOfSession | null;
}) {
  const qc = useQueryClient();
  const me = useMe();
  const codes = useServiceCodes();
  const themes = useClientThemes(clientId);
  const isUnit = unit !== null;
  // The clients who attended, as the session says now (attendance may change while the note is a draft).
  const people = isUnit ? sectionPeople(unit.attending, answer.note?.personSections ?? []) : [];
  const names = callNames(people);
  const peopleKey = people.map((p) => p.clientId).join(',');
  const empty = useMemo<ProgressDraft>(
    () => ({
      format: answer.defaultFormat,
      fields: emptyProgressFields(),
      risk: emptyRisk(),
      serviceCode: answer.facts.serviceCode,
      themeIds: [],
      ...(isUnit ? { personSections: [] } : {}),
    }),
    [answer.defaultFormat, answer.facts.serviceCode, isUnit],
  );
  const valueOf = useMemo(() => draftOf(isUnit), [isUnit]);
  const autosave = useAutosave<ProgressDraft, ProgressNote>({
    draftKey: `progress-note:${sessionId}`,
    record: answer.note,
    valueOf,
    versionOf: (n) => n.version,
    updatedAtOf: (n) => n.updatedAt,
    empty,
    save: (value, version, options) => {
      const { personSections, ...rest } = value;
      // Every attending client's section goes out, '' for one left empty, so clearing a section clears it on the server too.
      const body = personSections
        ? { version, ...rest, personSections: people.map((p) => ({ clientId: p.clientId, text: sectionText(value, p.clientId) })) }
        : { version, ...rest };
      return api.put<ProgressNote>(`/api/sessions/${sessionId}/progress-note`, body, options);
    },
    onSaved: (note) => qc.setQueryData<ProgressNoteAnswer>(notesKeys.progress(sessionId), (old) => (old ? { ...old, note } : old)),
  });
  const v = autosave.value;
  const set = (patch: Partial<ProgressDraft>) => autosave.setValue((prev) => ({ ...prev, ...patch }));
  const setField = (key: ProgressFieldKey, text: string) => autosave.setValue((prev) => ({ ...prev, fields: { ...prev.fields, [key]: text } }));
  const setSection = (id: string, text: string) => autosave.setValue((prev) => withSection(prev, id, text));

  // Someone marked absent after their section was started: the server keeps sections only for those who attended,
  // so the draft lets go of theirs too (otherwise it would never match what is saved).
  const strays = (v.personSections ?? []).filter((p) => !people.some((q) => q.clientId === p.clientId)).length;
  useEffect(() => {
    if (!isUnit || strays === 0) return;
    const ids = new Set(peopleKey.split(','));
    autosave.setValue((prev) => ({ ...prev, personSections: (prev.personSections ?? []).filter((p) => ids.has(p.clientId)) }));
  }, [isUnit, peopleKey, strays]);

  const [confirming, setConfirming] = useState(false);
  // After a first try at signing, what is missing shows beside each field until it is written.
  const [attempted, setAttempted] = useState(false);
  const intent = useIdempotencyKey();
  const sign = useMutation({
    mutationFn: async () => {
      const saved = (await autosave.flush()) ?? autosave.record;
      if (!saved) throw new ApiError(400, 'invalid', 'Write the note before signing it.');
      return api.post<ProgressNote>(`/api/progress-notes/${saved.id}/sign`, { version: saved.version }, { idempotencyKey: intent.key() });
    },
    onSuccess: (note) => {
      intent.done();
      setConfirming(false);
      autosave.adopt(note);
      qc.setQueryData<ProgressNoteAnswer>(notesKeys.progress(sessionId), (old) => (old ? { ...old, note, canWrite: false } : old));
      void qc.invalidateQueries({ queryKey: notesKeys.todo });
      void qc.invalidateQueries({ queryKey: notesKeys.cosignQueue });
      void qc.invalidateQueries({ queryKey: ['progress-notes', clientId] });
    },
    onError: (e) => {
      // A definite answer ends this intention; a lost connection keeps the key for the retry.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) intent.done();
      setConfirming(false);
    },
  });

  const labels = fieldLabels(v.format);
  const preview = renderNote(v.format, v.fields);
  const problems = signingProblems(v);
  const problemList = Object.values(problems);
  const returned = answer.note?.cosign?.status === 'returned' ? answer.note.cosign : null;
  const isAssociate = me.user.roles.includes('associate');
  const err = (key: string) => fieldError(sign.error, key) ?? fieldError(autosave.error, key) ?? (attempted ? problems[key] : undefined);
  const goTo = (key: string) => {
    setConfirming(false);
    // Wait for the dialog to hand focus back before moving it to the field.
    setTimeout(() => document.getElementById(fieldId(key))?.focus(), 50);
  };

  const sectionRows = (mine: ProgressDraft, theirs: ProgressDraft): ConflictRow[] =>
    people.map((p) => ({ key: `section:${p.clientId}`, label: `Only for ${names.get(p.clientId) ?? p.name}`, mine: sectionText(mine, p.clientId), theirs: sectionText(theirs, p.clientId) }));
  const conflictRows = (mine: ProgressDraft, theirs: ProgressDraft): ConflictRow[] => [
    { key: 'format', label: 'Note format', mine: noteFormatLabels[mine.format], theirs: noteFormatLabels[theirs.format] },
    ...fieldLabels(mine.format).map((f) => ({ key: f.key, label: f.label, mine: mine.fields[f.key], theirs: theirs.fields[f.key] })),
    { key: 'serviceCode', label: 'Service code', mine: mine.serviceCode, theirs: theirs.serviceCode },
    { key: 'risk.level', label: 'Risk', mine: riskLevelLabels[mine.risk.level], theirs: riskLevelLabels[theirs.risk.level] },
    { key: 'risk.summary', label: 'What you noticed about risk', mine: mine.risk.summary, theirs: theirs.risk.summary },
    { key: 'risk.actions', label: 'What was done about it', mine: mine.risk.actions, theirs: theirs.risk.actions },
    {
      key: 'themeIds',
      label: 'Themes',
      mine: themeNames(themes.data?.themes, mine.themeIds).join(', '),
      theirs: themeNames(themes.data?.themes, theirs.themeIds).join(', '),
    },
    ...sectionRows(mine, theirs),
  ];
  const combine = (mine: ProgressDraft, theirs: ProgressDraft, theirsFor: Set<string>): ProgressDraft => {
    const pick = <T,>(key: string, a: T, b: T) => (theirsFor.has(key) ? b : a);
    const fields = { ...mine.fields };
    for (const k of Object.keys(fields) as ProgressFieldKey[]) fields[k] = pick(k, mine.fields[k], theirs.fields[k]);
    return {
      format: pick('format', mine.format, theirs.format),
      fields,
      serviceCode: pick('serviceCode', mine.serviceCode, theirs.serviceCode),
      risk: {
        level: pick('risk.level', mine.risk.level, theirs.risk.level),
        summary: pick('risk.summary', mine.risk.summary, theirs.risk.summary),
        actions: pick('risk.actions', mine.risk.actions, theirs.risk.actions),
      },
      themeIds: pick('themeIds', mine.themeIds, theirs.themeIds),
      ...(isUnit
        ? {
            personSections: canonicalSections(
              people.map((p) => ({ clientId: p.clientId, text: pick(`section:${p.clientId}`, sectionText(mine, p.clientId), sectionText(theirs, p.clientId)) })),
            ),
          }
        : {}),
    };
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={2} size="h3">
              Progress note
            </Title>
            <Badge variant="light" color="gray" tt="none">
              {isUnit ? 'Draft · part of the record of each person who attended' : `Draft · part of ${clientName}’s record`}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" maw={720}>
            {isUnit
              ? `The institutional record of this session with ${unit.name}, written once for everyone. The common part below goes into the record of each client who attended; a person’s own section goes into theirs alone. It saves as you write; sign it when it is complete.`
              : 'The institutional record of this session. It saves as you write; sign it when it is complete.'}
          </Text>
        </Stack>
        <AutosaveStatus status={autosave.status} text={autosave.statusText} label="Progress note" />
      </Group>

      {returned && (
        <Alert color="clay" variant="light" icon={<IconMessageReply size={18} aria-hidden />} title={`Returned by ${returned.supervisorName ?? 'your supervisor'}${returned.at ? ` on ${formatDateTime(returned.at)}` : ''}`}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {returned.comment || 'No comment was given.'}
          </Text>
          <Text size="sm" mt={6} c="dimmed">
            The note is a draft again: make the changes, then sign it once more.
          </Text>
        </Alert>
      )}

      {autosave.conflict && (
        <ConflictView
          title="This progress note was changed elsewhere"
          rows={conflictRows(autosave.conflict.mine, valueOf(autosave.conflict.theirs))}
          savedBy={autosave.conflict.theirs.authorId === me.user.id ? 'you, in another tab or device' : autosave.conflict.theirs.authorName}
          savedAt={autosave.conflict.theirs.updatedAt}
          onKeepMine={autosave.keepMine}
          onTakeTheirs={autosave.takeTheirs}
          onCombine={(theirsFor) => {
            const c = autosave.conflict;
            if (c) autosave.resolveWith(combine(c.mine, valueOf(c.theirs), theirsFor));
          }}
        />
      )}
      {autosave.error && <FormError error={autosave.error} title="Not saved" />}
      {autosave.error?.status === 423 && (
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            Your text is still here: copy what you need, then add it to the signed note as an addendum.
          </Text>
          <Button size="xs" variant="light" onClick={() => void qc.invalidateQueries({ queryKey: notesKeys.progress(sessionId) })}>
            Show the signed note
          </Button>
        </Group>
      )}
      {autosave.status === 'retrying' && (
        <Alert color="orange" variant="light">
          The server cannot be reached just now. Your text is kept in this tab and will be saved as soon as the connection returns.
        </Alert>
      )}

      <SessionFactsPanel facts={answer.facts} serviceCode={v.serviceCode} onServiceCode={(serviceCode) => set({ serviceCode })} serviceCodeError={err('serviceCode')} />

      <Radio.Group
        label="Note format"
        description={`Your practice writes in ${noteFormatLabels[answer.defaultFormat]}. You can choose another format for this note; nothing you wrote is lost when you switch.`}
        value={v.format}
        onChange={(f) => set({ format: f as NoteFormat })}
      >
        <Group gap="lg" mt="xs" align="flex-start">
          {noteFormats.map((f) => (
            <Radio
              key={f}
              value={f}
              label={`${noteFormatLabels[f]}${f === answer.defaultFormat ? ' (practice default)' : ''}`}
              description={noteFormatExplanations[f]}
              maw={300}
            />
          ))}
        </Group>
      </Radio.Group>

      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {labels.map((f) => (
              <Textarea
                key={f.key}
                id={fieldId(f.key)}
                label={`${f.label} (${f.section})`}
                description={f.prompt}
                value={v.fields[f.key]}
                onChange={(e) => setField(f.key, e.currentTarget.value)}
                autosize
                minRows={3}
                maxRows={18}
                error={err(f.key)}
              />
            ))}
            <RiskSection value={v} onChange={(risk) => set({ risk })} summaryError={err('risk.summary')} />
            <ThemePicker clientId={clientId} value={v.themeIds} onChange={(u) => autosave.setValue((prev) => ({ ...prev, themeIds: u(prev.themeIds) }))} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="md" p="md" style={{ position: 'sticky', top: 76 }} component="section" aria-labelledby="note-preview-title">
            <Text fw={600} id="note-preview-title">
              Preview as {noteFormatLabels[v.format]}
            </Text>
            <Text size="xs" c="dimmed" mb="sm">
              How the signed note will read.
            </Text>
            <Stack gap="sm">
              {preview.map((s) => (
                <div key={s.heading}>
                  <Text size="sm" fw={700}>
                    {s.heading}
                  </Text>
                  <Text size="sm" c={s.text === 'Nothing recorded.' ? 'dimmed' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
                    {s.text}
                  </Text>
                </div>
              ))}
              {v.risk.level !== 'none' && (
                <div>
                  <Text size="sm" fw={700}>
                    Risk: {riskLevelLabels[v.risk.level]}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {[v.risk.summary, v.risk.actions].filter(Boolean).join('\n\n') || 'Not yet described.'}
                  </Text>
                </div>
              )}
              {people.map((p) =>
                sectionText(v, p.clientId) ? (
                  <div key={p.clientId}>
                    <Text size="sm" fw={700}>
                      Only for {names.get(p.clientId)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {sectionText(v, p.clientId)}
                    </Text>
                  </div>
                ) : null,
              )}
              {v.serviceCode && (
                <Text size="xs" c="dimmed">
                  Service code {v.serviceCode}
                  {codes.find((c) => c.code === v.serviceCode) ? ` · ${codes.find((c) => c.code === v.serviceCode)?.label}` : ''}
                </Text>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>

      {isUnit && <PersonSectionsEditor people={people} names={names} value={v} onChange={setSection} />}

      <FormError error={sign.error} />
      <Group gap="sm">
        <Button
          leftSection={<IconSignature size={16} aria-hidden />}
          onClick={() => {
            setAttempted(true);
            setConfirming(true);
          }}
          disabled={Boolean(autosave.conflict)}
        >
          Sign note
        </Button>
        <Text size="sm" c="dimmed">
          Signing locks the note; later additions become signed addenda.
        </Text>
      </Group>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Sign and lock this progress note?" centered size="lg">
        <Stack gap="sm">
          <Text size="sm">
            Once signed, the note cannot be edited. Your name, the time and a fingerprint of its content (a hash) are recorded with it, and the
            session facts are kept as they are now. Anything to add or correct later goes in an addendum, signed in the same way.
          </Text>
          {isAssociate && (
            <Text size="sm">As an associate, your note then goes to your supervisor to co-sign. They may co-sign it or return it to you with a comment.</Text>
          )}
          {problemList.length > 0 && (
            <Alert color="yellow" variant="light" title="Not ready to sign yet">
              <List size="sm">
                {Object.entries(problems).map(([key, p]) => (
                  <List.Item key={key}>
                    <Anchor component="button" type="button" size="sm" onClick={() => goTo(key)}>
                      {p}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="subtle" color="gray" onClick={() => setConfirming(false)}>
              Keep writing
            </Button>
            <Button leftSection={<IconLock size={16} aria-hidden />} onClick={() => sign.mutate()} loading={sign.isPending} disabled={problemList.length > 0}>
              Sign and lock the note
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** "For each person": a section per client who attended, each kept in that person's record alone. */
function PersonSectionsEditor({
  people,
  names,
  value,
  onChange,
}: {
  people: Array<{ clientId: string; name: string }>;
  names: Map<string, string>;
  value: ProgressDraft;
  onChange: (clientId: string, text: string) => void;
}) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="person-sections-title">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id="person-sections-title">
            For each person
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            What belongs to one person’s own record: their individual goals, a risk or a diagnosis that is theirs, what they asked to keep
            for themselves. Each section goes into that person’s record only. Once the note is signed you can share a section with its
            person; no one else who attended ever reads it. Leave a section empty when there is nothing of this kind.
          </Text>
        </div>
        {people.length === 0 ? (
          <Text size="sm" c="dimmed">
            No client is marked as attending this session yet. Record the attendance above, and a section appears for each client who
            came.
          </Text>
        ) : (
          people.map((p) => {
            const call = names.get(p.clientId) ?? p.name;
            const others = people.filter((q) => q.clientId !== p.clientId).map((q) => names.get(q.clientId) ?? q.name);
            return (
              <Textarea
                key={p.clientId}
                id={fieldId(`section-${p.clientId}`)}
                label={`Only for ${call}`}
                description={`Kept in ${p.name}’s record alone. If you share it, ${call} reads it in the portal; ${others.length === 0 ? 'no one else does' : others.length === 1 ? `${others[0]} never does` : 'no one else who attended ever does'}.`}
                value={sectionText(value, p.clientId)}
                onChange={(e) => onChange(p.clientId, e.currentTarget.value)}
                autosize
                minRows={2}
                maxRows={14}
              />
            );
          })
        )}
      </Stack>
    </Paper>
  );
}

function RiskSection({ value, onChange, summaryError }: { value: ProgressDraft; onChange: (risk: ProgressDraft['risk']) => void; summaryError?: string }) {
  const r = value.risk;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Radio.Group
          label="Risk"
          description="Any risk of harm to the client or to others noticed in this session."
          value={r.level}
          onChange={(level) => onChange({ ...r, level: level as RiskLevel })}
        >
          <Group gap="lg" mt="xs">
            {riskLevels.map((l) => (
              <Radio key={l} value={l} label={riskLevelLabels[l]} />
            ))}
          </Group>
        </Radio.Group>
        {r.level !== 'none' && (
          <>
            <Textarea
              id={fieldId('risk.summary')}
              label="What you noticed about risk"
              description="What was said or seen, protective factors, what the client agreed."
              required
              value={r.summary}
              onChange={(e) => onChange({ ...r, summary: e.currentTarget.value })}
              autosize
              minRows={2}
              error={summaryError}
            />
            <Textarea
              label="What was done or planned"
              description="Safety plan, contacts made, consultation, follow-up."
              value={r.actions}
              onChange={(e) => onChange({ ...r, actions: e.currentTarget.value })}
              autosize
              minRows={2}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
