import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { fluentArg } from '../../src/i18n/index.js';

describe('counts written without the number formatter', () => {
  it('are written as Intl.NumberFormat writes them, and select the same plural, from 0 to 999 in English and French', () => {
    for (const locale of ['en-GB', 'fr-FR']) {
      const bundle = new FluentBundle(locale, { useIsolating: false });
      bundle.addResource(new FluentResource('m = { $n } { $n -> \n [one] item\n *[other] items\n}\nf = { NUMBER($n, minimumFractionDigits: 2) }\n'));
      const m = bundle.getMessage('m')!.value!;
      for (let n = 0; n < 1000; n++) expect(bundle.formatPattern(m, { n: fluentArg(n) }), `${locale} ${n}`).toBe(bundle.formatPattern(m, { n }));
      for (const n of [1000, 12345, -3, 2.5]) expect(fluentArg(n)).toBe(n);
      // NUMBER() with options still formats
      expect(bundle.formatPattern(bundle.getMessage('f')!.value!, { n: fluentArg(7) })).toBe(bundle.formatPattern(bundle.getMessage('f')!.value!, { n: 7 }));
    }
  });
});
