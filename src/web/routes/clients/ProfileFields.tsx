import { Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { fieldError } from '../../components/FormError';
import type { Client, ClientProfile } from '../../components/clinical/types';

export const emptyProfile: ClientProfile = {
  name: '',
  legalName: '',
  pronouns: '',
  culturalIdentities: '',
  communities: '',
  email: '',
  phone: '',
  preferredContact: '',
  dateOfBirth: '',
  emergencyContactName: '',
  emergencyContactPhone: '',
  emergencyContactRelationship: '',
  concerns: '',
  resilience: '',
  connection: '',
  vitality: '',
};

export const profileKeys = Object.keys(emptyProfile) as Array<keyof ClientProfile>;

export function profileOf(client: Client): ClientProfile {
  const out = { ...emptyProfile };
  for (const k of profileKeys) {
    const v = client[k];
    out[k] = typeof v === 'string' ? (k === 'dateOfBirth' ? v.slice(0, 10) : v) : '';
  }
  return out;
}

/** The body the API takes: trimmed text, and no date of birth rather than an empty one. */
export function profileBody(p: ClientProfile): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of profileKeys) out[k] = p[k].trim();
  out.dateOfBirth = p.dateOfBirth.trim() ? p.dateOfBirth.trim() : null;
  return out;
}

/** Only the fields that differ, for a PATCH that leaves the rest alone. */
export function changedFields(base: ClientProfile, next: ClientProfile): Array<keyof ClientProfile> {
  return profileKeys.filter((k) => base[k].trim() !== next[k].trim());
}

export const profileLabels: Record<keyof ClientProfile, string> = {
  name: 'Name they want to be called',
  legalName: 'Legal name',
  pronouns: 'Pronouns',
  culturalIdentities: 'Cultural identities',
  communities: 'Communities',
  email: 'Email',
  phone: 'Phone',
  preferredContact: 'Preferred way to be contacted',
  dateOfBirth: 'Date of birth',
  emergencyContactName: 'Emergency contact name',
  emergencyContactPhone: 'Emergency contact phone',
  emergencyContactRelationship: 'Relationship to them',
  concerns: 'Concerns',
  resilience: 'Resilience',
  connection: 'Connection',
  vitality: 'Vitality',
};

interface Props {
  value: ClientProfile;
  onChange: (next: ClientProfile) => void;
  error: unknown;
}

/** The client's record, in their own words: the same fields when creating and when editing. */
export function ProfileFields({ value, onChange, error }: Props) {
  const text = (k: keyof ClientProfile) => ({
    label: profileLabels[k],
    value: value[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange({ ...value, [k]: e.currentTarget.value }),
    error: fieldError(error, k),
  });
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb={4}>
          Who they are
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          In their own words: write names, pronouns and identities the way they say them.
        </Text>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput {...text('name')} required />
            <TextInput {...text('legalName')} placeholder="If different, for institutional records" />
            <TextInput {...text('pronouns')} placeholder="e.g. she/her, they/them" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Textarea {...text('culturalIdentities')} description="Self-described; as many as they name" autosize minRows={2} />
            <Textarea {...text('communities')} description="Communities, land, faith, chosen family…" autosize minRows={2} />
          </SimpleGrid>
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          The whole person
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="sm">
            <Text fw={600}>What they are living with</Text>
            <Textarea
              {...text('concerns')}
              description="Concerns and suffering, as they describe them"
              autosize
              minRows={10}
            />
          </Stack>
          <Stack gap="sm">
            <Text fw={600}>What sustains them</Text>
            <Textarea {...text('resilience')} description="Strengths, what has carried them through" autosize minRows={2} />
            <Textarea {...text('connection')} description="People, places and practices they feel connected to" autosize minRows={2} />
            <Textarea {...text('vitality')} description="What brings them alive" autosize minRows={2} />
          </Stack>
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          Reaching them
        </Title>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput {...text('email')} type="email" autoComplete="off" />
            <TextInput {...text('phone')} type="tel" autoComplete="off" />
            <TextInput {...text('preferredContact')} placeholder="e.g. text first, never voicemail" />
            <TextInput {...text('dateOfBirth')} type="date" />
          </SimpleGrid>
          <Text fw={600} size="sm" mt="xs">
            Emergency contact
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput {...text('emergencyContactName')} />
            <TextInput {...text('emergencyContactPhone')} type="tel" autoComplete="off" />
            <TextInput {...text('emergencyContactRelationship')} />
          </SimpleGrid>
        </Stack>
      </Paper>
    </Stack>
  );
}
