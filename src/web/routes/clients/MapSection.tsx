import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canonicalMap, mapProblems, newMap, type RelationalMap, relationalMapSchema } from '../../../domain/maps/map';
import { ApiError, api, type RequestOptions } from '../../api';
import type { Client } from '../../components/clinical/types';
import { FormError } from '../../components/FormError';
import { GenogramView } from '../../components/maps/GenogramView';
import { MapCanvas, type MapUpdate, problemWhere } from '../../components/maps/MapCanvas';
import { MapCompare } from '../../components/maps/MapCompare';
import { MapMetricsPanel } from '../../components/maps/MapMetricsPanel';
import { MapMetricsTrend } from '../../components/maps/MapMetricsTrend';
import { MapTable } from '../../components/maps/MapTable';
import { MapVersions } from '../../components/maps/MapVersions';
import { UnitPeoplePanel } from '../../components/maps/UnitPeoplePanel';
import { mapInWords } from '../../components/maps/mapWords';
import { type MapState, mapKeys, mapUrl } from '../../components/maps/types';
import { AutosaveStatus } from '../../components/notes/AutosaveStatus';
import { ConflictView } from '../../components/notes/ConflictView';
import { LoadError, Loading } from '../../components/States';
import { sameValue, useAutosave } from '../../components/useAutosave';
import { useClientUnits } from '../units/UnitsSection';
import { isCurrentMember } from '../units/words';

type View = 'map' | 'table' | 'family';

/** What zod refuses in a map (an empty name), as field messages keyed like mapProblems. */
function schemaProblems(map: RelationalMap): Record<string, string> {
  const parsed = relationalMapSchema.safeParse(map);
  if (parsed.success) return {};
  const out: Record<string, string> = {};
  for (const issue of parsed.error.issues) out[issue.path.join('.') || 'map'] ??= issue.message;
  return out;
}

/**
 * Autosaves the working copy. A map zod would refuse (a name left empty) is not sent: the person
 * sees why beside the row and the next edit tries again. When the server's copy is the same map
 * (names trimmed, put in order), the editor keeps its own so an autosave never eats a space just typed.
 */
async function saveWorkingCopy(url: string, map: RelationalMap, version: number, options: RequestOptions): Promise<MapState> {
  const parsed = relationalMapSchema.safeParse(map);
  if (!parsed.success) {
    const fields = schemaProblems(map);
    const [key, message] = Object.entries(fields)[0] ?? ['map', 'Something on the map needs settling.'];
    throw new ApiError(400, 'invalid', `Not saved yet. ${problemWhere(map, key)}${message}`, fields);
  }
  const saved = await api.put<MapState>(url, { map, version }, options);
  return sameValue(canonicalMap(saved.map), canonicalMap(parsed.data)) ? { ...saved, map } : saved;
}

/**
 * The client's relational map: the ecomap drawn together in session (or the same map as tables,
 * or as a genogram), autosaved as it is drawn; dated versions, compared over time; connection
 * metrics and their trend; exports.
 */
export function MapSection({ client }: { client: Client }) {
  const qc = useQueryClient();
  // The server lets the practitioners in the client's care draw; supervisors and admins read.
  const canEdit = client.access === 'care';
  const url = mapUrl(client.id);
  const query = useQuery({ queryKey: mapKeys.map(client.id), queryFn: () => api.get<MapState>(url) });
  const empty = useMemo(() => newMap(client.name, client.id), [client.name, client.id]);
  const autosave = useAutosave<RelationalMap, MapState>({
    draftKey: `map:${client.id}`,
    record: query.data,
    valueOf: (r) => r.map,
    versionOf: (r) => r.version,
    empty,
    save: (map, version, options) => saveWorkingCopy(url, map, version ?? 0, options),
    updatedAtOf: (r) => r.updatedAt ?? '',
    onSaved: (r) => qc.setQueryData(mapKeys.map(client.id), r),
    enabled: canEdit,
  });
  const units = useClientUnits(client.id);
  const myUnits = useMemo(() => (units.data ?? []).filter((u) => isCurrentMember(u, client.id)), [units.data, client.id]);
  const [view, setView] = useState<View>('map');
  const [comparing, setComparing] = useState<{ from: string; to: string } | null>(null);
  const compareRef = useRef<HTMLDivElement>(null);

  const setValue = autosave.setValue;
  const onChange: MapUpdate = useCallback((f) => setValue((m) => f(m)), [setValue]);
  const map = autosave.value;
  const problems = useMemo(() => ({ ...schemaProblems(map), ...mapProblems(map) }), [map]);
  const record = autosave.record ?? query.data;

  useEffect(() => {
    if (comparing) compareRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [comparing]);

  if (query.isPending) return <Loading label="Opening the relational map…" />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!record) return <Loading label="Opening the relational map…" />;

  const showTable = () => setView('table');

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="relational-map-title">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={2} maw={720}>
              <Title order={2} size="h3" id="relational-map-title">
                Relational map
              </Title>
              <Text size="sm" c="dimmed">
                {client.name}’s world, drawn together in session: people, family, groups, institutions, places, practices and the spiritual, each at its level,
                with the ties between. {canEdit ? 'Everything saves as you go; save a version to keep the map as it was that day.' : 'You can read this map; those in the client’s care draw it.'}
              </Text>
            </Stack>
            <Stack gap={6} align="flex-end">
              {canEdit && <AutosaveStatus status={autosave.status} text={autosave.statusText} label="Relational map" />}
              <SegmentedControl
                aria-label="Show the map as"
                value={view}
                onChange={(v) => setView(v as View)}
                data={[
                  { value: 'map', label: 'Map' },
                  { value: 'table', label: 'Table' },
                  { value: 'family', label: 'Family structure' },
                ]}
              />
            </Stack>
          </Group>
          {autosave.error && <FormError error={autosave.error} />}

          {autosave.conflict ? (
            <MapConflict
              mine={autosave.conflict.mine}
              theirs={autosave.conflict.theirs}
              onKeepMine={autosave.keepMine}
              onTakeTheirs={autosave.takeTheirs}
              onCombine={(theirsFor) => {
                const c = autosave.conflict;
                if (!c) return;
                autosave.resolveWith({
                  nodes: theirsFor.has('nodes') ? c.theirs.map.nodes : c.mine.nodes,
                  ties: theirsFor.has('ties') ? c.theirs.map.ties : c.mine.ties,
                  alterTiesRecorded: theirsFor.has('alterTiesRecorded') ? c.theirs.map.alterTiesRecorded : c.mine.alterTiesRecorded,
                });
              }}
            />
          ) : view === 'map' ? (
            <MapCanvas map={map} onChange={canEdit ? onChange : null} problems={problems} onShowTable={showTable} />
          ) : view === 'table' ? (
            <MapTable map={map} onChange={canEdit ? onChange : null} problems={problems} />
          ) : (
            <GenogramView map={map} title={`${client.name}’s family structure`} />
          )}
        </Stack>
      </Paper>

      {myUnits.length > 0 && !autosave.conflict && (
        <UnitPeoplePanel units={myUnits} clientId={client.id} map={map} onChange={canEdit ? onChange : null} />
      )}

      {comparing && (
        <div ref={compareRef} style={{ scrollMarginTop: 80 }}>
          <MapCompare clientId={client.id} from={comparing.from} to={comparing.to} onClose={() => setComparing(null)} />
        </div>
      )}

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <MapMetricsPanel metrics={record.metrics} alterTiesRecorded={map.alterTiesRecorded} pending={canEdit && autosave.dirty} />
          <MapMetricsTrend clientId={client.id} versions={record.versions} />
        </Stack>
        <MapVersions
          clientId={client.id}
          clientName={client.name}
          versions={record.versions}
          canEdit={canEdit}
          flush={autosave.flush}
          onCompare={(from, to) => setComparing({ from, to })}
          onSaved={async () => {
            // Saving a version also saves the working copy (in its canonical order, one version on).
            await qc.invalidateQueries({ queryKey: mapKeys.map(client.id) });
            void qc.invalidateQueries({ queryKey: ['journey', client.id] });
          }}
        />
      </SimpleGrid>
    </Stack>
  );
}

function MapConflict(props: { mine: RelationalMap; theirs: MapState; onKeepMine: () => void; onTakeTheirs: () => void; onCombine: (theirsFor: Set<string>) => void }) {
  const mine = mapInWords(props.mine);
  const theirs = mapInWords(props.theirs.map);
  const yesNo = (b: boolean) => (b ? 'Yes: the client has said which of their people know each other' : 'Not yet said');
  return (
    <ConflictView
      title="The relational map was changed elsewhere"
      rows={[
        { key: 'nodes', label: 'People, groups and places', mine: mine.nodes, theirs: theirs.nodes },
        { key: 'ties', label: 'Ties', mine: mine.ties, theirs: theirs.ties },
        { key: 'alterTiesRecorded', label: 'Who knows whom', mine: yesNo(props.mine.alterTiesRecorded), theirs: yesNo(props.theirs.map.alterTiesRecorded) },
      ]}
      savedBy={props.theirs.updatedBy?.name ?? null}
      savedAt={props.theirs.updatedAt}
      onKeepMine={props.onKeepMine}
      onTakeTheirs={props.onTakeTheirs}
      onCombine={props.onCombine}
    />
  );
}
