import { Box, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { InstrumentDefinition } from '../../../domain/measures/definition';
import { api } from '../../api';
import { formatDateTime } from '../../components/dates';
import { errorMessage } from '../../components/FormError';
import { QuestionnaireForm } from '../../components/measures/QuestionnaireForm';
import type { Completed } from '../../components/measures/types';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { Brand } from '../../layout/Brand';

interface LinkView {
  practiceName: string;
  expiresAt: string | null;
  definition: InstrumentDefinition;
}

/**
 * A single-use questionnaire link, opened without signing in. It shows the practice's name and the
 * questions, and nothing else of the app: no navigation, no links onward.
 */
export function MeasureLinkPage() {
  const { token = '' } = useParams();
  const link = useQuery({
    queryKey: ['measure-link', token],
    queryFn: () => api.get<LinkView>(`/api/public/measure-links/${encodeURIComponent(token)}`),
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  useDocumentTitle(link.data ? `A questionnaire from ${link.data.practiceName}` : 'A questionnaire');

  return (
    <Box mih="100vh" bg="#f6f4f0">
      <Container size="sm" py="lg" component="header">
        <Brand sub={link.data?.practiceName} />
      </Container>
      <Container size="sm" pb="xl" component="main">
        {link.isPending ? (
          <Loading label="Opening your questionnaire…" />
        ) : link.isError ? (
          <Paper withBorder radius="md" p="xl">
            <Stack gap="sm">
              <Title order={1} size="h3">
                This link cannot be opened
              </Title>
              <Text role="alert">{errorMessage(link.error)}</Text>
              <Text c="dimmed" size="sm">
                Links like this one work once and for a short time, to keep your answers private. If you meant to answer a
                questionnaire, your practitioner can send you a new link.
              </Text>
            </Stack>
          </Paper>
        ) : (
          <Stack gap="lg">
            <Stack gap={4}>
              <Title order={1} size="h2">
                A questionnaire from {link.data.practiceName}
              </Title>
              <Text c="dimmed">
                Your practitioner asked you to answer a few questions; it takes a few minutes. There are no right or wrong
                answers.
                {link.data.expiresAt && ` This link works once, until ${formatDateTime(link.data.expiresAt)}.`}
              </Text>
            </Stack>
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="measure-title">
              <Title order={2} size="h4" id="measure-title" mb="md">
                {link.data.definition.questionnaire.title}
              </Title>
              <QuestionnaireForm
                definition={link.data.definition}
                draftKey={`link:${token.slice(-12)}`}
                send={(answers, idempotencyKey) =>
                  api.post<Completed>(`/api/public/measure-links/${encodeURIComponent(token)}`, { answers }, { idempotencyKey })
                }
                after={() => (
                  <Text size="sm" c="dimmed">
                    You can close this page now.
                  </Text>
                )}
              />
            </Paper>
            {link.data.definition.questionnaire.copyright && (
              <Text size="xs" c="dimmed">
                {link.data.definition.questionnaire.copyright}
              </Text>
            )}
          </Stack>
        )}
      </Container>
    </Box>
  );
}
