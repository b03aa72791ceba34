import type { BadgeLook } from './badgeLook';
import { badgeLookOf, lookColors, lookShapes, lookTokens, tokenOf } from './badgeLook';
import type { BadgeModel } from './badgeModel';

const LOOKS: readonly BadgeLook[] = ['calm', 'quiet', 'paused', 'warning', 'urgent', 'pending'];

describe('components/badgeLook', () => {
  // Urgent shares calm's clock on purpose (both count down); its fill sets it apart, tested below.
  it('tells the other looks apart without color: no two share both icon and border style', () => {
    const shapes = LOOKS.filter((look) => look !== 'urgent').map(
      (look) => `${lookShapes[look].icon}/${lookShapes[look].borderStyle}`,
    );
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('sets urgent apart from calm (same clock icon) by a filled background', () => {
    expect(lookShapes.urgent.icon).toBe(lookShapes.calm.icon);
    expect(lookColors('urgent', undefined).background).toBe('rgb(214, 31, 31)');
    expect(lookTokens.urgent.background).toBe('colorBackgroundError');
  });

  it('gives every look a distinct background in the light fallback colors', () => {
    const backgrounds = LOOKS.map((look) => lookColors(look, undefined).background);
    expect(new Set(backgrounds).size).toBe(backgrounds.length);
  });

  describe('badgeLookOf', () => {
    const model = (phase: BadgeModel['phase'], urgent = false): BadgeModel => ({
      phase,
      text: '',
      remainingMs: null,
      remainingWords: null,
      remainingMinutes: null,
      warningsSent: 0,
      urgent,
    });

    it('gives each phase its look, urgency first', () => {
      expect(badgeLookOf(model('counting'))).toBe('calm');
      expect(badgeLookOf(model('warned'))).toBe('warning');
      expect(badgeLookOf(model('paused'))).toBe('paused');
      expect(badgeLookOf(model('waiting'))).toBe('quiet');
      expect(badgeLookOf(model('expired', true))).toBe('urgent');
    });

    it('shows a timer awaiting its history as pending: subdued, not counting, drawn with the sync icon', () => {
      expect(badgeLookOf(model('awaitingHistory'))).toBe('pending');
      expect(lookShapes.pending).toEqual({ icon: 'sync', borderStyle: 'dashed' });
      expect(lookTokens.pending.text).toBe('colorTextWeak');
    });
  });

  describe('tokenOf', () => {
    it("reads a token of the theme's group", () => {
      const theme = { tokens: { radii: { borderRadius20: '6px' } } };
      expect(tokenOf(theme, 'radii', 'borderRadius20', '4px')).toBe('6px');
    });

    it('falls back when the theme, its tokens, the group or the token is missing', () => {
      expect(tokenOf(undefined, 'radii', 'borderRadius20', '4px')).toBe('4px');
      expect(tokenOf({}, 'radii', 'borderRadius20', '4px')).toBe('4px');
      expect(tokenOf({ tokens: {} }, 'radii', 'borderRadius20', '4px')).toBe('4px');
      expect(tokenOf({ tokens: { radii: {} } }, 'radii', 'borderRadius20', '4px')).toBe('4px');
    });
  });
});
