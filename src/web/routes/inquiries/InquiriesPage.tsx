import {
  Anchor,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
  type MantineColor,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../api';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { FormError } from '../../components/FormError';
import { formatDateTime } from '../../components/clinical/format';
import type { Inquiry, InquiryStatus } from '../../components/clinical/types';

export const inquiryStatusLabels: Record<InquiryStatus, string> = {
  new: 'New',
  replied: 'Replied',
  accepted: 'Accepted',
  declined: 'Declined',
};
export const inquiryStatusColors: Record<InquiryStatus, MantineColor> = {
  new: 'grape',
  replied: 'blue',
  accepted: 'teal',
  declined: 'gray',
};
const order: InquiryStatus[] = ['new', 'replied', 'accepted', 'declined'];

export function InquiryStatusBadge({ status }: { status: InquiryStatus }) {
  return (
    <Badge variant="light" color={inquiryStatusColors[status]} radius="sm">
      {inquiryStatusLabels[status]}
    </Badge>
  );
}

const emptyCopy: Record<string, string> = {
  all: 'No one has reached out yet. When someone writes through the practice’s public page, their words arrive here.',
  new: 'No one is waiting. Every person who reached out has heard back.',
  replied: 'No conversations waiting on their answer.',
  accepted: 'No inquiries accepted yet.',
  declined: 'No inquiries declined.',
};

/** People reaching out, new ones first. */
export function InquiriesPage() {
  useDocumentTitle('Inquiries');
  const [params, setParams] = useSearchParams();
  const filter = params.get('status') ?? 'all';
  const list = useQuery({
    queryKey: ['inquiries', filter],
    queryFn: () => api.get<Inquiry[]>(`/api/inquiries${qs({ status: filter === 'all' ? undefined : filter })}`),
  });
  const rows = [...(list.data ?? [])].sort(
    (a, b) => order.indexOf(a.status) - order.indexOf(b.status) || b.createdAt.localeCompare(a.createdAt),
  );
  const groups = order.map((status) => ({ status, items: rows.filter((r) => r.status === status) })).filter((g) => g.items.length > 0);

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1} size="h2">Inquiries</Title>
        <Text c="dimmed">People reaching out to the practice. Reply, accept and open a chapter, or decline with care.</Text>
      </div>
      <SegmentedControl
        aria-label="Show inquiries"
        value={filter}
        onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })}
        data={[
          { value: 'all', label: 'All' },
          ...order.map((s) => ({ value: s, label: inquiryStatusLabels[s] })),
        ]}
        w="fit-content"
      />
      <FormError error={list.error} />
      {list.isLoading ? (
        <Loading label="Loading inquiries…" />
      ) : rows.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text ta="center" c="dimmed">
            {emptyCopy[filter] ?? emptyCopy.all}
          </Text>
        </Paper>
      ) : (
        groups.map((g) => (
          <section key={g.status} aria-labelledby={`inq-${g.status}`}>
            <Group gap="xs" mb="xs">
              <Title order={2} size="h4" id={`inq-${g.status}`}>
                {inquiryStatusLabels[g.status]}
              </Title>
              <Text c="dimmed" size="sm">
                ({g.items.length})
              </Text>
            </Group>
            <Stack gap="xs">
              {g.items.map((inq) => (
                <Paper key={inq.id} withBorder radius="md" p="md" style={g.status === 'new' ? { borderLeft: '4px solid var(--mantine-color-grape-5)' } : undefined}>
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
                    <div style={{ minWidth: 0 }}>
                      <Group gap="xs">
                        <Anchor component={Link} to={`/inquiries/${inq.id}`} fw={600} size="lg">
                          {inq.name}
                        </Anchor>
                        <InquiryStatusBadge status={inq.status} />
                      </Group>
                      <Text size="sm" c="dimmed">
                        {formatDateTime(inq.createdAt)}
                        {inq.preferredPractitionerName ? ` · hoping to see ${inq.preferredPractitionerName}` : ''}
                      </Text>
                      <Text size="sm" mt={6} lineClamp={2}>
                        {inq.whatBrings}
                      </Text>
                    </div>
                  </Group>
                </Paper>
              ))}
            </Stack>
          </section>
        ))
      )}
    </Stack>
  );
}
