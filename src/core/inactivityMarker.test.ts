import type { InactivityMarker } from './inactivityMarker';
import { MARKER_KEY, markerAttributes, readMarker } from './inactivityMarker';

/** Attributes as another client would read them: through JSON, the way Conversations stores them. */
function storedAttributes(marker: unknown): unknown {
  return JSON.parse(JSON.stringify({ [MARKER_KEY]: marker }));
}

const WARNING: InactivityMarker = { kind: 'warning', taskSid: 'WT1', cycleStartIndex: 4, warningIndex: 1 };

describe('core/inactivityMarker', () => {
  it('stores the marker under the plugin key', () => {
    expect(markerAttributes(WARNING)).toEqual({ conversationsInactivity: WARNING });
  });

  it.each<[string, InactivityMarker]>([
    ['a warning', WARNING],
    ['a warning of a cycle started by acceptance', { ...WARNING, cycleStartIndex: null, warningIndex: 0 }],
    ['a closing message', { kind: 'closing', taskSid: 'WT1', cycleStartIndex: 7 }],
    ['a closing message at acceptance', { kind: 'closing', taskSid: 'WT1', cycleStartIndex: null }],
  ])('reads back %s written by markerAttributes', (_case, marker) => {
    expect(readMarker(JSON.parse(JSON.stringify(markerAttributes(marker))))).toEqual(marker);
  });

  it('drops a warningIndex from a closing marker', () => {
    expect(
      readMarker(storedAttributes({ kind: 'closing', taskSid: 'WT1', cycleStartIndex: 0, warningIndex: 2 })),
    ).toEqual({ kind: 'closing', taskSid: 'WT1', cycleStartIndex: 0 });
  });

  it('ignores other attributes beside the marker', () => {
    expect(readMarker({ [MARKER_KEY]: WARNING, channel: 'web' })).toEqual(WARNING);
  });

  it.each<[string, unknown]>([
    ['undefined attributes', undefined],
    ['null attributes', null],
    ['string attributes', '{"conversationsInactivity":{}}'],
    ['array attributes', [WARNING]],
    ['attributes without the marker', { other: WARNING }],
    ['a null marker', { [MARKER_KEY]: null }],
    ['an array marker', { [MARKER_KEY]: [] }],
    ['a marker without taskSid', storedAttributes({ ...WARNING, taskSid: undefined })],
    ['a numeric taskSid', storedAttributes({ ...WARNING, taskSid: 1 })],
    ['a missing cycleStartIndex', storedAttributes({ kind: 'closing', taskSid: 'WT1' })],
    ['a negative cycleStartIndex', storedAttributes({ ...WARNING, cycleStartIndex: -1 })],
    ['a fractional cycleStartIndex', storedAttributes({ ...WARNING, cycleStartIndex: 1.5 })],
    ['a string cycleStartIndex', storedAttributes({ ...WARNING, cycleStartIndex: '4' })],
    ['an unknown kind', storedAttributes({ ...WARNING, kind: 'reminder' })],
    ['a warning without warningIndex', storedAttributes({ kind: 'warning', taskSid: 'WT1', cycleStartIndex: null })],
    ['a negative warningIndex', storedAttributes({ ...WARNING, warningIndex: -1 })],
    ['a string warningIndex', storedAttributes({ ...WARNING, warningIndex: '1' })],
  ])('treats %s as not ours', (_case, attributes) => {
    expect(readMarker(attributes)).toBeNull();
  });
});
