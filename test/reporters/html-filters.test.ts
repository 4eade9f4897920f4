import { describe, expect, it } from 'vitest';
import { JS } from '../../src/reporters/html/assets.js';

/** The smallest DOM the filter script touches: enough to prove the filters hide what they should. */
function fakePage(items: { status: string; tags: string; search: string }[]) {
  const listeners = new Map<object, Record<string, () => void>>();
  const on = (el: object) => (ev: string, fn: () => void) => listeners.set(el, { ...listeners.get(el), [ev]: fn });
  const mk = <T extends object>(o: T) => Object.assign(o, { addEventListener: on(o) });
  const boxes = ['pass', 'fail', 'warn'].map((v) => mk({ value: v, checked: true }));
  const scenarios = items.map((i) => ({ hidden: false, open: false, getAttribute: (a: string) => ({ 'data-status': i.status, 'data-tags': i.tags, 'data-search': i.search })[a] ?? null }));
  const byId: Record<string, object> = {
    'f-tag': mk({ value: '' }),
    'f-text': mk({ value: '' }),
    'f-shown': { textContent: '' },
    'f-expand': mk({}),
    'f-collapse': mk({}),
  };
  const document = {
    documentElement: { classList: { add: () => undefined } },
    querySelectorAll: (sel: string) => (sel.startsWith('input') ? boxes : sel.startsWith('details') ? scenarios : []),
    getElementById: (id: string) => byId[id],
  };
  new Function('document', JS)(document);
  const fire = (el: object, ev: string) => listeners.get(el)![ev]!();
  return { boxes, scenarios, byId: byId as Record<string, { value: string; textContent: string }>, fire };
}

describe('HTML filter script', { timeout: 10_000 }, () => {
  const items = [
    { status: 'pass', tags: 'smtp tls', search: 'smtp-a starttls eco.1.0.1' },
    { status: 'fail', tags: 'smtp', search: 'smtp-b versions eco.1.1.1' },
    { status: 'warn', tags: 'x509 tlsx', search: 'x509-c chain' },
  ];

  it('hides by status, by tag (whole tag only) and by text, and counts what is shown', () => {
    const page = fakePage(items);
    const hidden = () => page.scenarios.map((s) => s.hidden);
    expect(hidden()).toEqual([false, false, false]);
    page.boxes[0]!.checked = false; // untick pass
    page.fire(page.boxes[0]!, 'change');
    expect(hidden()).toEqual([true, false, false]);
    expect(page.byId['f-shown']!.textContent).toBe('2');
    page.boxes[0]!.checked = true;
    page.byId['f-tag']!.value = 'tls';
    page.fire(page.byId['f-tag']!, 'change');
    expect(hidden()).toEqual([false, true, true]); // "tlsx" is not "tls"
    page.byId['f-tag']!.value = '';
    page.byId['f-text']!.value = ' ECO.1.1 ';
    page.fire(page.byId['f-text']!, 'input');
    expect(hidden()).toEqual([true, false, true]);
  });

  it('expands only the visible scenarios', () => {
    const page = fakePage(items);
    page.boxes[1]!.checked = false;
    page.fire(page.boxes[1]!, 'change');
    page.fire(page.byId['f-expand']!, 'click');
    expect(page.scenarios.map((s) => s.open)).toEqual([true, false, true]);
    page.fire(page.byId['f-collapse']!, 'click');
    expect(page.scenarios.map((s) => s.open)).toEqual([false, false, false]);
  });
});
