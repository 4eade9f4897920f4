import { describe, expect, it } from 'vitest';
import { parseXml } from './xml-check.js';

// The checker must reject what is not well-formed, or the JUnit test proves nothing.
describe('the test XML checker', () => {
  it('accepts well-formed XML and decodes entities', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a x="&lt;&amp;&quot;&apos;&#10;"><b/>t&gt;</a>\n');
    expect(root.attrs.x).toBe(`<&"'\n`);
    expect(root.children[0]!.name).toBe('b');
    expect(root.text).toBe('t>');
  });
  it.each([
    ['<a><b></a></b>'],
    ['<a x="1" x="2"/>'],
    ['<a>&</a>'],
    ['<a>1 < 2</a>'],
    ['<a x="<"/>'],
    ['<a x=1/>'],
    ['<a/><b/>'],
    ['<a>\u0001</a>'],
    ['<a>&nbsp;</a>'],
  ])('rejects %j', (doc) => {
    expect(() => parseXml(doc)).toThrow();
  });
});
