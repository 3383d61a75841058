import { Alert, Anchor, Button, Group, NumberInput, Select, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api';
import { CopyField } from '../../components/CopyField';
import { fieldError, FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Loading, LoadError } from '../../components/States';
import { useDraft } from '../../components/useDraft';
import { meQueryKey, useSession } from '../../session/SessionProvider';
import { isAdmin, useMe } from '../../session/SessionContext';
import { DocumentationSection } from './DocumentationSection';
import { MeasuresSection } from './MeasuresSection';
import { PromptListEditor } from './PromptListEditor';
import { practiceKey, type PracticeDetail } from './types';
import { SaveBar } from '../../components/SaveBar';

function timeZones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const all = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

export function PracticePage() {
  const me = useMe();
  const admin = isAdmin(me);
  const practice = useQuery({ queryKey: practiceKey, queryFn: () => api.get<PracticeDetail>('/api/practice') });

  return (
    <>
      <PageHeader
        title="Practice settings"
        description={
          admin
            ? 'How your practice presents itself, keeps people safe, documents its work, and names the movements of that work.'
            : 'How your practice is set up. Only practice admins can change these settings.'
        }
      />
      {practice.isPending ? (
        <Loading label="Loading the practice settings…" />
      ) : practice.isError ? (
        <LoadError error={practice.error} onRetry={() => void practice.refetch()} />
      ) : (
        <Stack gap="lg" maw={900}>
          <DetailsSection practice={practice.data} canEdit={admin} />
          <PrivacySection practice={practice.data} canEdit={admin} />
          <DocumentationSection practice={practice.data} canEdit={admin} />
          <MeasuresSection practice={practice.data} canEdit={admin} />
          <PromptListEditor
            id="force-movements"
            title="FORCE movements"
            description="The five movements of the exchange inside a session, in order. They can repeat and return within one session; practitioners record which were visited when they mark a session held."
            items={practice.data.forceMovements}
            isDefault={practice.data.settings.forceMovementsAreDefault}
            canEdit={admin}
            saveUrl="/api/practice/force-movements"
            bodyKey="movements"
            resetUrl="/api/practice/force-movements/reset"
            itemNoun="Movement"
            ordered
          />
          <PromptListEditor
            id="common-factors"
            title="Common factors of connection"
            description="The eight common factors of connection your practice attends to across its work."
            items={practice.data.commonFactors}
            isDefault={practice.data.settings.commonFactorsAreDefault}
            canEdit={admin}
            saveUrl="/api/practice/common-factors"
            bodyKey="factors"
            resetUrl="/api/practice/common-factors/reset"
            itemNoun="Factor"
            ordered={false}
          />
        </Stack>
      )}
    </>
  );
}

interface DetailsForm {
  name: string;
  timezone: string;
  about: string;
  crisisResources: string;
}

function DetailsSection({ practice, canEdit }: { practice: PracticeDetail; canEdit: boolean }) {
  const qc = useQueryClient();
  const session = useSession();
  const server: DetailsForm = { name: practice.name, timezone: practice.timezone, about: practice.about ?? '', crisisResources: practice.crisisResources ?? '' };
  const [draft, setDraft, clearDraft] = useDraft<DetailsForm | null>('practice:details', null);
  const form = draft ?? server;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(server);
  const zones = useMemo(() => timeZones(practice.timezone), [practice.timezone]);
  const set = (patch: Partial<DetailsForm>) => setDraft((prev) => ({ ...(prev ?? server), ...patch }));
  const publicUrl = `${window.location.origin}/p/${practice.slug}`;

  const save = useMutation({
    mutationFn: () =>
      api.patch<PracticeDetail>('/api/practice', {
        name: form.name.trim(),
        timezone: form.timezone,
        about: form.about.trim(),
        crisisResources: form.crisisResources.trim(),
      }),
    onSuccess: (p) => {
      qc.setQueryData(practiceKey, p);
      clearDraft();
      void qc.invalidateQueries({ queryKey: meQueryKey });
      void session.refresh();
      notifications.show({ color: 'teal', title: 'Practice details saved', message: 'The public page shows the new wording now.' });
    },
  });

  return (
    <Section id="details" title="The practice" description="Your name, time zone, and what people see on your public reach-out page.">
      <Stack gap="xs">
        <CopyField label="Public reach-out page" copyLabel="Copy link" value={publicUrl} description="Share this link on your website: people can write to you there without an account." />
        <Anchor href={`/p/${practice.slug}`} target="_blank" rel="noopener" size="sm">
          <Group gap={4} component="span">
            Open the reach-out page <IconExternalLink size={14} aria-hidden />
          </Group>
        </Anchor>
      </Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <FormError error={save.error} />
          <TextInput
            label="Practice name"
            value={form.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={fieldError(save.error, 'name')}
            readOnly={!canEdit}
            required
          />
          <Select
            label="Time zone"
            description="Used for 'today', for recurring sessions, and to make dates unambiguous in records."
            data={zones}
            value={form.timezone}
            onChange={(v) => v && set({ timezone: v })}
            searchable
            allowDeselect={false}
            error={fieldError(save.error, 'timezone')}
            readOnly={!canEdit}
            limit={200}
          />
          <Textarea
            label="About the practice (shown on the public page)"
            description="A few warm sentences for someone thinking of reaching out: who you are, how you work, who you see."
            value={form.about}
            onChange={(e) => set({ about: e.currentTarget.value })}
            error={fieldError(save.error, 'about')}
            readOnly={!canEdit}
            autosize
            minRows={3}
            maxRows={12}
          />
          <Textarea
            label="Crisis resources"
            description="Shown on the reach-out page and in every client's portal. Include local emergency numbers and crisis lines."
            value={form.crisisResources}
            onChange={(e) => set({ crisisResources: e.currentTarget.value })}
            error={fieldError(save.error, 'crisisResources')}
            readOnly={!canEdit}
            autosize
            minRows={3}
            maxRows={12}
          />
          {canEdit && (
            <SaveBar label="Save practice details" saving={save.isPending} dirty={dirty} onDiscard={clearDraft} />
          )}
        </Stack>
      </form>
    </Section>
  );
}

interface PrivacyForm {
  idleTimeoutMinutes: number;
  requireMfaForClinicians: boolean;
}

function PrivacySection({ practice, canEdit }: { practice: PracticeDetail; canEdit: boolean }) {
  const qc = useQueryClient();
  const session = useSession();
  const server: PrivacyForm = {
    idleTimeoutMinutes: practice.settings.idleTimeoutMinutes,
    requireMfaForClinicians: practice.settings.requireMfaForClinicians,
  };
  const [draft, setDraft, clearDraft] = useDraft<PrivacyForm | null>('practice:privacy', null);
  const form = draft ?? server;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(server);
  const set = (patch: Partial<PrivacyForm>) => setDraft((prev) => ({ ...(prev ?? server), ...patch }));

  const save = useMutation({
    mutationFn: () => api.patch<PracticeDetail>('/api/practice', form),
    onSuccess: (p) => {
      qc.setQueryData(practiceKey, p);
      clearDraft();
      void session.refresh();
      notifications.show({ color: 'teal', title: 'Privacy settings saved', message: 'They apply to every sign-in from now on.' });
    },
  });

  return (
    <Section id="privacy" title="Privacy and sign-in" description="Protects client information on shared or unattended screens.">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <FormError error={save.error} />
          <NumberInput
            label="Sign people out after this many idle minutes"
            description="Between 1 and 240 minutes. People are warned before it happens (two minutes ahead), and nothing they typed is lost."
            value={form.idleTimeoutMinutes}
            onChange={(v) => set({ idleTimeoutMinutes: typeof v === 'number' ? v : Number(v) || 0 })}
            min={1}
            max={240}
            step={5}
            allowDecimal={false}
            error={fieldError(save.error, 'idleTimeoutMinutes')}
            readOnly={!canEdit}
            maw={320}
          />
          <Switch
            label="Require two-factor sign-in for clinical roles"
            description="Practitioners, associates and supervisors must set up an authenticator app before they can open client records."
            checked={form.requireMfaForClinicians}
            onChange={(e) => set({ requireMfaForClinicians: e.currentTarget.checked })}
            disabled={!canEdit}
          />
          {form.requireMfaForClinicians && !practice.settings.requireMfaForClinicians && (
            <Alert color="clay" variant="light">
              Once saved, clinicians without two-factor sign-in will be asked to set it up at their next page.
            </Alert>
          )}
          {canEdit && (
            <SaveBar label="Save privacy settings" saving={save.isPending} dirty={dirty} onDiscard={clearDraft} />
          )}
        </Stack>
      </form>
      {!canEdit && (
        <Text size="sm" c="dimmed">
          Ask a practice admin if these should change.
        </Text>
      )}
    </Section>
  );
}
