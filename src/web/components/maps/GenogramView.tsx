import { Box, Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArrowsMaximize, IconArrowsMinimize } from '@tabler/icons-react';
import { type ReactNode, useId, useMemo, useState } from 'react';
import {
  describeGenogram,
  DIAMOND,
  emotionalSample,
  emotionalStyle,
  type GenogramPerson,
  type GenogramSymbol,
  layoutGenogram,
  type LegendItem,
  type LegendSample,
  lineDash,
  type LineStyle,
  otherPatternStyle,
  SYMBOL,
} from '../../../domain/maps/genogram';
import type { RelationalMap } from '../../../domain/maps/map';
import { Empty } from '../States';

/** Ink for the family structure: near-black on white (about 15:1). */
const INK = '#1f2a2b';
/** Years and captions: still above 7:1 on white. */
const SOFT_INK = '#44504f';
const HALF = SYMBOL / 2;

function dashProps(style: LineStyle) {
  const dash = lineDash[style];
  return dash ? { strokeDasharray: dash, strokeLinecap: style === 'dotted' ? ('round' as const) : ('butt' as const) } : {};
}

/** One genogram symbol: shape by gender, double outline for the client, a cross for a death, a question mark for an unknown identity, brackets for adoption. */
function PersonSymbol({
  symbol,
  x,
  y,
  index = false,
  deceased = false,
  unknownIdentity = false,
  adopted = false,
  scale = 1,
}: {
  symbol: GenogramSymbol;
  x: number;
  y: number;
  index?: boolean;
  deceased?: boolean;
  unknownIdentity?: boolean;
  adopted?: boolean;
  scale?: number;
}) {
  const h = HALF * scale;
  const dm = DIAMOND * scale;
  const shape = (inset: number, fill: string) => {
    switch (symbol) {
      case 'square':
        return <rect x={x - h + inset} y={y - h + inset} width={2 * (h - inset)} height={2 * (h - inset)} fill={fill} />;
      case 'circle':
        return <circle cx={x} cy={y} r={h - inset} fill={fill} />;
      case 'diamond': {
        const r = dm - inset * 1.4;
        return <polygon points={`${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`} fill={fill} />;
      }
    }
  };
  const reach = symbol === 'diamond' ? dm : h;
  const cross = reach + 4 * scale;
  return (
    <g stroke={INK} strokeWidth={2}>
      {shape(0, index ? '#eef6f6' : '#ffffff')}
      {index && shape(4.5 * scale, 'none')}
      {unknownIdentity && (
        <text x={x} y={y} dy="0.35em" textAnchor="middle" fontSize={20 * scale} fontWeight={700} fill={INK} stroke="none">
          ?
        </text>
      )}
      {deceased && <path d={`M${x - cross} ${y - cross}L${x + cross} ${y + cross}M${x + cross} ${y - cross}L${x - cross} ${y + cross}`} />}
      {adopted && (
        <path
          fill="none"
          d={`M${x - reach - 4} ${y - reach - 3}h-5v${2 * reach + 6}h5M${x + reach + 4} ${y - reach - 3}h5v${2 * reach + 6}h-5`}
        />
      )}
    </g>
  );
}

function PersonMark({ p }: { p: GenogramPerson }) {
  const lines = [...p.nameLines];
  return (
    <g>
      <title>{[p.label, p.years].filter(Boolean).join(', ')}</title>
      <PersonSymbol symbol={p.symbol} x={p.x} y={p.y} index={p.index} deceased={p.deceased} unknownIdentity={p.unknownIdentity} adopted={p.adopted} />
      <text x={p.x} y={p.labelY} textAnchor="middle" fontSize={11.5} fill={INK} fontWeight={p.index ? 700 : 500}>
        {lines.map((line, i) => (
          <tspan key={i} x={p.x} dy={i === 0 ? 0 : 14}>
            {line}
          </tspan>
        ))}
        {p.years && (
          <tspan x={p.x} dy={lines.length === 0 ? 0 : 14} fontSize={10.5} fontWeight={400} fill={SOFT_INK}>
            {p.years}
          </tspan>
        )}
      </text>
    </g>
  );
}

/** A small drawing of one legend entry, the same forms as the genogram at a smaller size. */
function LegendGlyph({ sample }: { sample: LegendSample }) {
  const w = 52;
  const h = 30;
  let body: ReactNode;
  switch (sample.kind) {
    case 'symbol':
      body = (
        <PersonSymbol
          symbol={sample.symbol}
          x={w / 2}
          y={h / 2}
          scale={0.55}
          index={sample.index}
          deceased={sample.deceased}
          unknownIdentity={sample.unknownIdentity}
          adopted={sample.adopted}
        />
      );
      break;
    case 'partnership':
      body = (
        <g stroke={INK} strokeWidth={2} fill="none">
          <path d="M6 4V18H46V4" {...dashProps(sample.style)} />
          {Array.from({ length: sample.slashes }, (_, i) => (
            <path key={i} d={`M${24 + i * 8 - 4} 24L${24 + i * 8 + 4} 12`} />
          ))}
        </g>
      );
      break;
    case 'descent':
      body = <path d="M26 3V14M10 14H42M10 14V27M42 14V27" stroke={INK} strokeWidth={1.8} fill="none" {...dashProps(sample.style)} />;
      break;
    case 'twins':
      body = (
        <g stroke={INK} strokeWidth={1.8} fill="none">
          <path d="M26 4L12 27M26 4L40 27" />
          {sample.identical && <path d="M19 15.5H33" />}
        </g>
      );
      break;
    case 'emotional': {
      const g = emotionalSample(sample.pattern, sample.direction, 46);
      // The same weights and colours as the drawing, read from the layout module.
      const style = emotionalStyle[sample.pattern] ?? otherPatternStyle;
      body = (
        <g transform="translate(1 3)">
          <path d={g.d} stroke={style.colour} strokeWidth={style.width} fill="none" strokeDasharray={style.dash ?? undefined} />
          {g.marks && <path d={g.marks} stroke={style.colour} strokeWidth={1.4} fill="#ffffff" />}
          {g.arrows && <path d={g.arrows} fill={style.colour} stroke="none" />}
        </g>
      );
      break;
    }
  }
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden focusable="false" style={{ flexShrink: 0, overflow: 'visible' }}>
      {body}
    </svg>
  );
}

function Legend({ items, headingId }: { items: LegendItem[]; headingId: string }) {
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Title order={4} size="h6" id={headingId} mb={6}>
        Key
      </Title>
      <Box
        component="ul"
        m={0}
        p={0}
        style={{ listStyle: 'none', display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(15rem, 1fr))', gap: '0.35rem 1.25rem' }}
      >
        {items.map((item) => (
          <Group component="li" key={item.key} gap="xs" wrap="nowrap" align="center">
            <LegendGlyph sample={item.sample} />
            <Text size="sm">{item.label}</Text>
          </Group>
        ))}
      </Box>
    </Box>
  );
}

/**
 * The family structure of a relational map as a genogram (McGoldrick and Gerson's symbols), with
 * a key to the symbols and lines it uses and the whole drawing in words for screen readers.
 */
export function GenogramView({ map, title }: { map: RelationalMap; title?: string }) {
  const id = useId();
  const layout = useMemo(() => layoutGenogram(map), [map]);
  const words = useMemo(() => describeGenogram(layout), [layout]);
  const [fullSize, setFullSize] = useState(false);

  if (layout.empty) {
    return <Empty>Add family members and how they are related (partners, parents, children) in the table view to see the genogram.</Empty>;
  }

  const { bounds } = layout;
  const titleId = `${id}-title`;
  const wide = bounds.width > 900;
  const sections: Array<[string, string[]]> = [
    ['People', words.people],
    ['Partners', words.partnerships],
    ['Parents and children', words.parents],
    ['Twins', words.twins],
    ['Emotional relationships', words.emotional],
  ];

  return (
    <Stack gap="sm" component="figure" m={0} aria-labelledby={title ? titleId : undefined}>
      {(title || wide) && (
        <Group justify="space-between" align="center" wrap="wrap">
          {title ? (
            <Title order={3} size="h5" id={titleId}>
              {title}
            </Title>
          ) : (
            <span />
          )}
          {wide && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setFullSize((v) => !v)}
              aria-pressed={fullSize}
              leftSection={fullSize ? <IconArrowsMinimize size={14} aria-hidden /> : <IconArrowsMaximize size={14} aria-hidden />}
            >
              {fullSize ? 'Fit the genogram to the page' : 'Show the genogram at full size'}
            </Button>
          )}
        </Group>
      )}
      <Box
        style={{ overflowX: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', background: '#ffffff' }}
        tabIndex={fullSize ? 0 : undefined}
        role={fullSize ? 'region' : undefined}
        aria-label={fullSize ? 'Genogram at full size; scroll sideways to see all of it' : undefined}
      >
        <svg
          viewBox={`${bounds.x} ${bounds.y} ${bounds.width} ${bounds.height}`}
          width={fullSize ? bounds.width : '100%'}
          style={{ display: 'block', maxWidth: fullSize ? 'none' : Math.max(bounds.width * 1.2, 320), height: 'auto', margin: '0 auto' }}
          role="img"
          aria-label={`${title ? `${title}. ` : ''}${words.summary} The people and relationships are listed in words below the key.`}
          fontFamily="Inter, 'Segoe UI', system-ui, sans-serif"
        >
          <g aria-hidden>
            {layout.emotional.map((e) => (
              <g key={e.tieId}>
                <path d={e.d} stroke={e.colour} strokeWidth={e.width} fill="none" strokeDasharray={e.dash ?? undefined} strokeLinejoin="round" />
                {e.marks && <path d={e.marks} stroke={e.colour} strokeWidth={1.4} fill="#ffffff" />}
                {e.arrows && <path d={e.arrows} fill={e.colour} />}
              </g>
            ))}
            {layout.descents.map((d) => (
              <path key={d.id} d={d.d} stroke={INK} strokeWidth={1.6} fill="none" {...dashProps(d.style)} />
            ))}
            {layout.twins.map((t) => (
              <g key={t.id} stroke={INK} strokeWidth={1.6} fill="none">
                <path d={t.d} {...dashProps(t.style)} />
                {t.marks && <path d={t.marks} />}
              </g>
            ))}
            {layout.partnerships.map((p) => (
              <g key={p.id} stroke={INK} fill="none">
                <path d={p.d} strokeWidth={p.status === 'coparents' ? 1.6 : 2} {...dashProps(p.style)} />
                {p.marks && <path d={p.marks} strokeWidth={2} />}
                {p.caption && (
                  <text x={p.caption.x} y={p.caption.y} textAnchor="middle" fontSize={10} fill={SOFT_INK} stroke="none">
                    {p.caption.text}
                  </text>
                )}
              </g>
            ))}
            {layout.people.map((p) => (
              <PersonMark key={p.id} p={p} />
            ))}
            {layout.emotional.map((e) =>
              e.label ? (
                <text
                  key={`${e.tieId}-label`}
                  x={e.label.x}
                  y={e.label.y}
                  textAnchor="middle"
                  fontSize={10.5}
                  fontStyle="italic"
                  fill={e.colour}
                  stroke="#ffffff"
                  strokeWidth={3}
                  paintOrder="stroke"
                >
                  {e.label.text}
                </text>
              ) : null,
            )}
          </g>
        </svg>
      </Box>
      <Legend items={layout.legend} headingId={`${id}-key`} />
      <VisuallyHidden>
        <h4>The genogram in words</h4>
        <p>{words.summary}</p>
        {sections
          .filter(([, lines]) => lines.length > 0)
          .map(([heading, lines]) => (
            <section key={heading}>
              <h5>{heading}</h5>
              <ul>
                {lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </section>
          ))}
      </VisuallyHidden>
    </Stack>
  );
}
