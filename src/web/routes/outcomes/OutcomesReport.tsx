import { BarChart } from '@mantine/charts';
import { Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { type CSSProperties, type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router';
import { Section } from '../../components/Section';
import { isAdmin, useMe } from '../../session/SessionContext';
import type { MeasureOutcome, Outcomes } from './types';
import { averageChangeWords, averageDirection, countOf, missingRateReason, percent, shortTitle, signed } from './words';

const numeric: CSSProperties = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };
/** Column headings over numbers: right-aligned like the numbers, free to wrap. */
const numericHead: CSSProperties = { textAlign: 'right', verticalAlign: 'bottom' };

/** "1st", "2nd", "6th" */
function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

function Figure({ label, value, detail, explanation }: { label: string; value: string; detail: ReactNode; explanation?: string }) {
  const id = useId();
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-labelledby={id}>
      <Stack gap={2}>
        <Text id={id} size="sm" fw={600}>
          {label}
        </Text>
        <Text fz={30} fw={700} lh={1.15} c="dusk.8" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {value}
        </Text>
        <Text size="sm">{detail}</Text>
        {explanation && (
          <Text size="xs" c="dimmed">
            {explanation}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** A rate with the people it counts, or a dash with the reason there is none. */
function rateFigure(rate: number | null, denominator: number, noun: string, whyMissing: string): { value: string; detail: string } {
  if (rate === null) return { value: '—', detail: whyMissing };
  return { value: percent(rate), detail: `${countOf(rate, denominator)} of ${denominator} ${noun}` };
}

/** Clients left out of every figure because they have not consented to research use of their scores, or revoked it. */
function WithoutResearchConsent({ outcomes }: { outcomes: Outcomes }) {
  const n = outcomes.withoutResearchConsent;
  if (n <= 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {n === 1 ? '1 client is' : `${n.toLocaleString('en-GB')} clients are`} not counted: they have not given consent for their de-identified scores to be used in
      the practice’s outcome research.
    </Text>
  );
}

/** Clients with scores, and the NHS Talking Therapies rates with their denominators. */
export function HeadlineFigures({ outcomes: o }: { outcomes: Outcomes }) {
  const t = o.nhsTalkingTherapies;
  const noCases = t.pairedClients === 0 ? 'No client had a first and a later PHQ-9 and GAD-7 in the period.' : 'None of the clients with paired scores was a case at the start.';
  const noPairs = 'No client had a first and a later PHQ-9 and GAD-7 in the period.';
  const recovery = rateFigure(t.recoveryRate, t.casesAtStart, t.casesAtStart === 1 ? 'case at the start' : 'cases at the start', noCases);
  const reliableRecovery = rateFigure(t.reliableRecoveryRate, t.casesAtStart, t.casesAtStart === 1 ? 'case at the start' : 'cases at the start', noCases);
  const paired = t.pairedClients === 1 ? 'client with paired scores' : 'clients with paired scores';
  const improvement = rateFigure(t.reliableImprovementRate, t.pairedClients, paired, noPairs);
  const deterioration = rateFigure(t.reliableDeteriorationRate, t.pairedClients, paired, noPairs);
  const withChange = new Set(o.measures.filter((m) => m.clientsWithChange > 0).map((m) => m.instrumentKey)).size;

  return (
    <Section id="at-a-glance" title="At a glance" description="Each client’s first and latest score in the period are compared.">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure label="Clients with scores" value={o.clients.toLocaleString('en-GB')} detail="completed at least one measure in the period" />
        <Figure
          label="Measures with change"
          value={`${withChange} of ${o.measures.length}`}
          detail={`measure${o.measures.length === 1 ? '' : 's'} with a first and a later score from the same client`}
        />
        <Figure
          label="Not on track"
          value={o.notOnTrack.length.toLocaleString('en-GB')}
          detail={o.notOnTrack.length === 1 ? 'flag, listed below by pseudonym' : 'flags, listed below by pseudonym'}
        />
      </SimpleGrid>
      <WithoutResearchConsent outcomes={o} />
      <Stack gap={4} mt="xs">
        <Title order={3} size="h5">
          NHS Talking Therapies outcomes (PHQ-9 with GAD-7)
        </Title>
        <Text size="sm" c="dimmed">
          {t.pairedClients === 0
            ? 'No client had a first and a later score on both the PHQ-9 and the GAD-7 in the period, so these rates cannot be given.'
            : `${t.pairedClients} client${t.pairedClients === 1 ? '' : 's'} had a first and a later score on both the PHQ-9 and the GAD-7; ${t.casesAtStart} of them ${t.casesAtStart === 1 ? 'was a case' : 'were cases'} at the start (PHQ-9 of 10 or more, or GAD-7 of 8 or more).`}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Figure label="Recovery" {...recovery} explanation="A case at the start, below both cut-offs at the latest score." />
        <Figure label="Reliable recovery" {...reliableRecovery} explanation="Recovery together with reliable improvement." />
        <Figure label="Reliable improvement" {...improvement} explanation="A fall of 6 or more on the PHQ-9 or 4 or more on the GAD-7, and no reliable rise on the other." />
        <Figure label="Reliable deterioration" {...deterioration} explanation="A rise of 6 or more on the PHQ-9 or 4 or more on the GAD-7, and no reliable fall on the other." />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Rule: {t.rule}.
      </Text>
    </Section>
  );
}

function RateCell({ rate, m }: { rate: number | null; m: MeasureOutcome }) {
  if (rate === null) {
    return (
      <Table.Td style={numeric}>
        <Text span aria-hidden>
          —
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'normal' }}>
          <VisuallyHidden>No rate. </VisuallyHidden>
          {missingRateReason(m)}
        </Text>
      </Table.Td>
    );
  }
  return (
    <Table.Td style={numeric}>
      <Text span fw={600}>
        {percent(rate)}
      </Text>
      <Text size="xs" c="dimmed">
        {countOf(rate, m.clientsWithChange)} of {m.clientsWithChange}
      </Text>
    </Table.Td>
  );
}

function AverageCell({ m }: { m: MeasureOutcome }) {
  if (m.averageChange === null) {
    return (
      <Table.Td style={numeric}>
        <Text span aria-hidden>
          —
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'normal' }}>
          No client had two scores.
        </Text>
      </Table.Td>
    );
  }
  const direction = averageDirection(m.averageChange, m.higherIsBetter);
  const colour = direction === 'better' ? 'teal.9' : direction === 'worse' ? 'orange.9' : 'dimmed';
  return (
    <Table.Td style={numeric}>
      <Text span fw={600} aria-hidden>
        {signed(m.averageChange)}
      </Text>
      <Text size="xs" c={colour} style={{ whiteSpace: 'normal' }} aria-hidden>
        {direction === 'unchanged' ? 'no change' : direction} ({m.higherIsBetter ? 'higher' : 'lower'} is better)
      </Text>
      <VisuallyHidden>{averageChangeWords(m)}</VisuallyHidden>
    </Table.Td>
  );
}

/** Reliable improvement and deterioration by measure: a bar chart, and the full figures in a table. */
export function MeasuresChange({ outcomes: o }: { outcomes: Outcomes }) {
  const id = useId();
  const charted = o.measures.filter((m) => m.rule !== null && m.clientsWithChange > 0 && m.reliableImprovementRate !== null);
  const data = charted.map((m) => ({
    measure: shortTitle(m.title),
    'Reliable improvement': Math.round((m.reliableImprovementRate ?? 0) * 100),
    'Reliable deterioration': Math.round((m.reliableDeteriorationRate ?? 0) * 100),
  }));
  const description =
    charted.length === 0
      ? 'No measure has both a reliable-change rule and clients with two scores in this period, so there is nothing to chart.'
      : 'Reliable improvement and deterioration by measure: ' +
        charted
          .map(
            (m) =>
              `${shortTitle(m.title)}, ${percent(m.reliableImprovementRate ?? 0)} reliably improved and ${percent(m.reliableDeteriorationRate ?? 0)} reliably worse, of ${m.clientsWithChange} client${m.clientsWithChange === 1 ? '' : 's'}`,
          )
          .join('; ') +
        '.';

  return (
    <Section
      id="by-measure"
      title="Change by measure"
      description="For each measure: how many clients gave scores, how many gave a first and a later one, how far scores moved on average, and how many changed by more than the measure’s reliable-change rule allows for chance."
    >
      {charted.length > 0 ? (
        <figure style={{ margin: 0 }} aria-labelledby={`${id}-caption`}>
          <div role="img" aria-label={description}>
            <BarChart
              h={Math.max(220, 60 + charted.length * 56)}
              data={data}
              dataKey="measure"
              orientation="vertical"
              series={[
                { name: 'Reliable improvement', color: 'teal.6' },
                { name: 'Reliable deterioration', color: 'orange.6' },
              ]}
              valueFormatter={(v) => `${v}%`}
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              xAxisProps={{ domain: [0, 100] }}
              yAxisProps={{ width: 90 }}
              gridAxis="x"
              withBarValueLabel
              valueLabelProps={{ position: 'right', fontSize: 12, fill: 'var(--mantine-color-gray-8)' }}
              tooltipAnimationDuration={150}
            />
          </div>
          <figcaption id={`${id}-caption`}>
            <Text size="xs" c="dimmed" mt={4}>
              Share of clients with a first and a later score whose change was reliable, by each measure’s own rule (named in the table below). The table gives
              the same figures.
            </Text>
          </figcaption>
        </figure>
      ) : (
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      )}

      <Table.ScrollContainer minWidth={760}>
        <Table striped withTableBorder verticalSpacing="sm" captionSide="top">
          <Table.Caption>Change by measure</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="40%" style={{ verticalAlign: 'bottom' }}>
                Measure and its reliable-change rule
              </Table.Th>
              <Table.Th scope="col" style={numericHead}>
                Clients
              </Table.Th>
              <Table.Th scope="col" style={numericHead}>
                With a later score
              </Table.Th>
              <Table.Th scope="col" style={numericHead}>
                Average change
              </Table.Th>
              <Table.Th scope="col" style={numericHead}>
                Reliable improvement
              </Table.Th>
              <Table.Th scope="col" style={numericHead}>
                Reliable deterioration
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.measures.map((m) => (
              <Table.Tr key={m.instrumentKey}>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" fw={600}>
                    {m.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {m.rule ? `Rule: ${m.rule}.` : 'No reliable-change rule for this instrument: a practice admin can set its SD and reliability in Practice settings → Measures.'}
                  </Text>
                </Table.Th>
                <Table.Td style={numeric}>{m.clients}</Table.Td>
                <Table.Td style={numeric}>{m.clientsWithChange}</Table.Td>
                <AverageCell m={m} />
                <RateCell rate={m.reliableImprovementRate} m={m} />
                <RateCell rate={m.reliableDeteriorationRate} m={m} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

/** Clients not on track, by pseudonym, with the reason and its rule. */
export function NotOnTrackList({ outcomes: o }: { outcomes: Outcomes }) {
  const titles = new Map(o.measures.map((m) => [m.instrumentKey, m.title]));
  const n = o.notOnTrack.length;
  // A large practice can have thousands of flags: show them a page at a time.
  const [shown, setShown] = useState(FLAGS_PAGE);
  return (
    <Section
      id="not-on-track"
      title="Not on track"
      description={`A client is not on track on a measure when their latest score is reliably worse than their first, or when there is still no reliable improvement by their ${ordinal(o.notOnTrackAfter)} score (the practice’s setting).`}
    >
      {n === 0 ? (
        <Text size="sm">No client is flagged as not on track in this period.</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder verticalSpacing="sm" captionSide="top">
            <Table.Caption>
              {n} flag{n === 1 ? '' : 's'}, by pseudonym
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Client (pseudonym)</Table.Th>
                <Table.Th scope="col">Measure</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.notOnTrack.slice(0, shown).map((f, i) => (
                <Table.Tr key={`${f.client}-${f.instrumentKey}-${i}`}>
                  <Table.Th scope="row" fw={600} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {f.client}
                  </Table.Th>
                  <Table.Td>{shortTitle(titles.get(f.instrumentKey) ?? f.instrumentKey)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{f.reason}</Text>
                    <Text size="xs" c="dimmed">
                      Rule: {f.rule}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {shown < n && (
            <Group mt="sm" gap="sm">
              <Text size="sm" c="dimmed">
                Showing {shown.toLocaleString('en-GB')} of {n.toLocaleString('en-GB')}.
              </Text>
              <Button variant="light" size="xs" onClick={() => setShown((s) => s + FLAGS_PAGE)}>
                Show {Math.min(FLAGS_PAGE, n - shown)} more
              </Button>
            </Group>
          )}
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

const FLAGS_PAGE = 50;

/** The rules behind every figure on the page, in one place. */
export function HowWorkedOut({ outcomes: o }: { outcomes: Outcomes }) {
  const me = useMe();
  const admin = isAdmin(me);
  const ruled = o.measures.filter((m) => m.rule !== null);
  const unruled = o.measures.filter((m) => m.rule === null);
  return (
    <Section id="how" title="How these figures are worked out">
      <List size="sm" spacing="xs">
        <List.Item>
          Each client’s first and latest score in the period are compared, on the scores clients gave themselves. A client with one score counts among the
          clients with scores, but not in any rate.
        </List.Item>
        <List.Item>
          Reliable change by measure follows each instrument’s own rule
          {ruled.length > 0 ? `: ${ruled.map((m) => `${shortTitle(m.title)}, ${m.rule}`).join('; ')}` : ''}.
          {unruled.length > 0 && ` ${unruled.map((m) => shortTitle(m.title)).join(', ')} ${unruled.length === 1 ? 'has' : 'have'} no reliable-change rule, so no rates are given.`}
        </List.Item>
        <List.Item>NHS Talking Therapies rates: {o.nhsTalkingTherapies.rule}.</List.Item>
        <List.Item>
          Not on track: reliably worse than the first score, or no reliable improvement by the {ordinal(o.notOnTrackAfter)} score.
        </List.Item>
        <List.Item>
          {admin ? (
            <>
              The not-on-track score count, and the SD and reliability used for an instrument instead of its published rule, are set in{' '}
              <Link to="/practice#measures">Practice settings → Measures</Link>.
            </>
          ) : (
            'A practice admin sets the not-on-track score count, and the SD and reliability used for an instrument instead of its published rule.'
          )}
        </List.Item>
      </List>
    </Section>
  );
}
