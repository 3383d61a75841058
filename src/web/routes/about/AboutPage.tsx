import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { icd10AttributionText, icd10Edition } from '../../../domain/diagnosis/attribution';
import { liminalInstruments, shippedInstruments } from '../../../domain/measures/instruments/index';
import { useDocumentTitle } from '../../components/PageHeader';
import { PublicLayout } from '../../layout/PublicLayout';

/** What Liminal is, its licence, and the data and code it stands on. */
export function AboutPage() {
  useDocumentTitle('About Liminal');
  return (
    <PublicLayout size="md">
      <Stack gap="lg" mt="md" mb="xl">
        <Title order={1}>About Liminal</Title>
        <Paper withBorder p="xl">
          <Stack gap="sm">
            <Title order={2} size="h3">
              What it is
            </Title>
            <Text>
              Liminal is open-source software for relationship-centred mental-health care. It is built around the Integrative Relational
              Health approach: healing happens through relationship, care moves in cycles rather than straight lines, and a person is seen
              whole — their concerns beside their resilience, connection and vitality, their culture and communities in the foreground.
            </Text>
            <Text>
              A practice uses it to welcome people who reach out, to walk with clients through the chapters and phases of their journey,
              to schedule and hold sessions, and to keep the records institutions need without losing what happens between people.
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder p="xl">
          <Stack gap="sm">
            <Title order={2} size="h3">
              Licence
            </Title>
            <Text>
              Liminal is free software under the{' '}
              <Anchor href="https://www.gnu.org/licenses/agpl-3.0.html" target="_blank" rel="noopener">
                GNU Affero General Public License, version 3 or any later version (AGPL-3.0-or-later)
              </Anchor>
              . You may use, study, change and share it. If you run a changed version for others over a network, you must offer them its
              source code too.
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder p="xl">
          <Stack gap="sm">
            <Title order={2} size="h3">
              Attributions
            </Title>
            <List spacing="sm">
              <List.Item>
                <Text fw={600} span>
                  Diagnosis codes: {icd10Edition}.
                </Text>{' '}
                The diagnosis search holds the codes a mental-health practice uses, with their official titles: mental, behavioural and
                neurodevelopmental disorders, signs of emotional distress, self-harm, and the Z-codes for social, family and systemic
                circumstances. {icd10AttributionText} More about ICD-10-CM on{' '}
                <Anchor href="https://www.cdc.gov/nchs/icd/icd-10-cm/index.html" target="_blank" rel="noopener">
                  the CDC&apos;s ICD-10-CM page
                </Anchor>
                .
              </List.Item>
              <List.Item>
                <Text fw={600} span>
                  Measures.
                </Text>{' '}
                The questionnaires Liminal ships are free to reproduce and are given as their authors published them; the connection
                profile and the relationship check-in are Liminal&apos;s own. Instruments a practice imports are its own to license.
                <List spacing={4} mt={6} size="sm">
                  {[...shippedInstruments, ...liminalInstruments].map((d) => (
                    <List.Item key={d.questionnaire.id}>
                      <Text span fw={500}>
                        {d.questionnaire.title ?? d.questionnaire.id}
                      </Text>
                      : {d.citations.join(' ')}
                    </List.Item>
                  ))}
                </List>
              </List.Item>
              <List.Item>
                <Text fw={600} span>
                  Common-password list.
                </Text>{' '}
                New passwords are checked against the common-password dictionary of{' '}
                <Anchor href="https://github.com/zxcvbn-ts/zxcvbn" target="_blank" rel="noopener">
                  zxcvbn-ts
                </Anchor>{' '}
                (<Text span ff="monospace">@zxcvbn-ts/language-common</Text>), released under the MIT License.
              </List.Item>
              <List.Item>
                Liminal is built with many open-source libraries, among them React, Mantine, TanStack Query, Fastify, Drizzle ORM, PGlite
                and Tabler Icons; each keeps its own licence.
              </List.Item>
            </List>
          </Stack>
        </Paper>
      </Stack>
    </PublicLayout>
  );
}
