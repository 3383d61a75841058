import { Alert, Button, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api';
import { fieldError, FormError } from '../../components/FormError';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { useDraft } from '../../components/useDraft';
import { PublicLayout } from '../../layout/PublicLayout';

interface PublicPractice {
  slug: string;
  name: string;
  about: string;
  crisisResources?: string;
  practitioners: Array<{ id: string; displayName: string; pronouns: string; credentials: string }>;
}

interface ReachOutForm {
  name: string;
  contact: string;
  whatBrings: string;
  preferredPractitionerId: string | null;
}
const empty: ReachOutForm = { name: '', contact: '', whatBrings: '', preferredPractitionerId: null };

/** The practice's public page: a first, gentle step for someone who is thinking of reaching out. */
export function ReachOutPage() {
  const { slug = '' } = useParams();
  const practice = useQuery({
    queryKey: ['public', 'practice', slug],
    queryFn: () => api.get<PublicPractice>(`/api/public/practices/${encodeURIComponent(slug)}`),
    retry: false,
  });
  useDocumentTitle(practice.data ? `Reach out to ${practice.data.name}` : 'Reach out');
  const [form, setForm, clearForm] = useDraft<ReachOutForm>(`reach-out:${slug}`, empty);
  // The honeypot: people never see it; form-filling robots do, and fill it in.
  const [website, setWebsite] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const send = useMutation({
    mutationFn: () =>
      api.post<{ ok: true; message: string }>(`/api/public/practices/${encodeURIComponent(slug)}/inquiries`, {
        name: form.name.trim(),
        contact: form.contact.trim(),
        whatBrings: form.whatBrings.trim(),
        preferredPractitionerId: form.preferredPractitionerId,
        website,
      }),
    onSuccess: (r) => {
      setDone(r.message);
      clearForm();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const set = (patch: Partial<ReachOutForm>) => setForm((f) => ({ ...f, ...patch }));
  const err = send.error;
  const hasFieldErrors = ['name', 'contact', 'whatBrings', 'preferredPractitionerId'].some((f) => fieldError(err, f));

  return (
    <PublicLayout size="sm" homeLink={false}>
      {practice.isPending ? (
        <Loading label="Opening the page…" />
      ) : practice.isError ? (
        <Paper withBorder p="xl" mt="xl" role="alert">
          <Title order={1} size="h3" mb="sm">
            This page could not be found
          </Title>
          <Text c="dimmed">The link may be mistyped, or the practice may have moved. If you are in crisis, please call your local emergency number now.</Text>
        </Paper>
      ) : (
        <Stack gap="lg" mt="md" mb="xl">
          <Stack gap="xs">
            <Title order={1}>{practice.data.name}</Title>
            {practice.data.about && (
              <Text className="prewrap" size="lg" style={{ lineHeight: 1.6 }}>
                {practice.data.about}
              </Text>
            )}
          </Stack>

          {done ? (
            <Paper withBorder p="xl" role="status" aria-live="polite">
              <Stack gap="sm" align="flex-start">
                <IconHeartHandshake size={36} color="var(--mantine-color-dusk-7)" aria-hidden />
                <Title order={2} size="h3">
                  Your message is on its way
                </Title>
                <Text className="prewrap">{done}</Text>
                <Text c="dimmed" size="sm">
                  Taking this step can be hard. Someone from {practice.data.name} will read what you wrote and get back to you the way you
                  asked.
                </Text>
              </Stack>
            </Paper>
          ) : (
            <Paper withBorder p="xl">
              <form onSubmit={submit} noValidate>
                <Stack gap="md">
                  <Stack gap={4}>
                    <Title order={2} size="h3">
                      Reach out
                    </Title>
                    <Text c="dimmed" size="sm">
                      Tell us a little about yourself. There is no wrong way to say it, and you do not need an account. Only the practice
                      will read this.
                    </Text>
                  </Stack>
                  {!hasFieldErrors && <FormError error={err} />}
                  <TextInput
                    label="Your name"
                    description="The name you would like us to use."
                    value={form.name}
                    onChange={(e) => set({ name: e.currentTarget.value })}
                    error={fieldError(err, 'name')}
                    autoComplete="name"
                    maxLength={200}
                    required
                  />
                  <TextInput
                    label="How to reach you"
                    description="An email address or phone number, and anything we should know (such as whether it is safe to leave a message)."
                    value={form.contact}
                    onChange={(e) => set({ contact: e.currentTarget.value })}
                    error={fieldError(err, 'contact')}
                    maxLength={500}
                    required
                  />
                  <Textarea
                    label="What brings you here"
                    description="As much or as little as you want to share."
                    value={form.whatBrings}
                    onChange={(e) => set({ whatBrings: e.currentTarget.value })}
                    error={fieldError(err, 'whatBrings')}
                    autosize
                    minRows={5}
                    maxRows={16}
                    maxLength={5000}
                    required
                  />
                  {practice.data.practitioners.length > 0 && (
                    <Select
                      label="Would you like to see someone in particular? (optional)"
                      placeholder="No preference"
                      data={practice.data.practitioners.map((p) => ({
                        value: p.id,
                        label: [p.displayName, p.pronouns && `(${p.pronouns})`, p.credentials && `— ${p.credentials}`].filter(Boolean).join(' '),
                      }))}
                      value={form.preferredPractitionerId}
                      onChange={(v) => set({ preferredPractitionerId: v })}
                      error={fieldError(err, 'preferredPractitionerId')}
                      clearable
                    />
                  )}
                  <div className="visually-hidden-trap" aria-hidden="true">
                    <label htmlFor="reach-out-website">Website (leave this empty)</label>
                    <input
                      id="reach-out-website"
                      type="text"
                      name="website"
                      tabIndex={-1}
                      autoComplete="off"
                      value={website}
                      onChange={(e) => setWebsite(e.currentTarget.value)}
                    />
                  </div>
                  <Button type="submit" loading={send.isPending} size="md">
                    Send to {practice.data.name}
                  </Button>
                </Stack>
              </form>
            </Paper>
          )}

          <Alert color="clay" variant="light" title="If you are in crisis">
            <Text size="sm" className="prewrap">
              {practice.data.crisisResources?.trim() ||
                'This form is not watched around the clock. If you are in danger or thinking of ending your life, call your local emergency number now, or a crisis line such as 988 (US), 116 123 (UK and Ireland, Samaritans) or 13 11 14 (Australia, Lifeline).'}
            </Text>
          </Alert>
        </Stack>
      )}
    </PublicLayout>
  );
}
