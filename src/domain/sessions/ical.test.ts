import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from './ical.js';

describe('the iCalendar feed', () => {
  it('escapes commas, semicolons and newlines in text', () => {
    expect(escapeText('a,b;c\nd\\e')).toBe('a\\,b\\;c\\nd\\\\e');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const folded = foldLine('SUMMARY:' + 'é'.repeat(60));
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe('SUMMARY:' + 'é'.repeat(60));
  });

  it('renders a session as an event with start, end and status', () => {
    const ics = renderCalendar(
      'Sessions',
      [
        {
          uid: 's1@liminal',
          start: new Date('2026-05-04T14:00:00Z'),
          minutes: 50,
          summary: 'Session · A. B.',
          description: 'Individual, video',
          status: 'CONFIRMED',
          updatedAt: new Date('2026-05-01T00:00:00Z'),
        },
      ],
      new Date('2026-05-02T00:00:00Z'),
    );
    expect(ics).toContain('DTSTART:20260504T140000Z\r\nDTEND:20260504T145000Z');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });
});
