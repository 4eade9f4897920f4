import { describe, expect, it } from 'vitest';
import { attr, decodeXmlBytes, parseXml, path, XmlError } from '../../src/message/xml.js';
import { parseAddressList, parseMsgIdList, isMsgId, decodeEncodedWords, parseStructuredValue } from '../../src/message/header-values.js';

describe('safe XML reader', () => {
  it('reads elements, attributes, namespaces and the predefined entities', () => {
    const root = parseXml('<?xml version="1.0"?><a xmlns="urn:x" xmlns:p="urn:p"><p:b v="1 &amp; 2">t&lt;x&#233;&#x41;</p:b><c/></a>');
    expect(root.ns).toBe('urn:x');
    const b = path(root, 'b')!;
    expect(b.ns).toBe('urn:p');
    expect(attr(b, 'v')).toBe('1 & 2');
    expect(b.text).toBe('t<xéA');
  });

  it.each([
    ['<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>', /DTD internal subset refused/],
    ['<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>', /DTD internal subset refused/],
    ['<r>&nbsp;</r>', /undefined entity/],
    ['<r><a></b></r>', /does not close/],
    ['<r>', /not closed/],
    ['<r/><s/>', /more than one root/],
    ['<r a="1" a="2"/>', /appears twice/],
    ['<p:r/>', /undeclared namespace prefix/],
    ['', /no root element/],
  ])('refuses %s', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(message);
  });

  it('decodes by BOM and declared encoding, and refuses bytes that do not match', () => {
    expect(decodeXmlBytes(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><r>\xe9</r>', 'latin1'))).toContain('é');
    expect(() => decodeXmlBytes(Buffer.from('<r>\xe9</r>', 'latin1'))).toThrow(/not valid utf-8/);
  });
});

describe('header values', () => {
  it('msg-ids and lists', () => {
    expect(isMsgId('<a.b@c.d>')).toBe(true);
    expect(isMsgId(' <a@[1.2.3.4]> (comment)')).toBe(true);
    expect(isMsgId('a@b')).toBe(false);
    expect(isMsgId('<a@b> <c@d>')).toBe(false);
    expect(parseMsgIdList('<a@b>\r\n <c@d>')).toEqual(['<a@b>', '<c@d>']);
    expect(parseMsgIdList('hello')).toBeNull();
  });

  it('address lists', () => {
    const r = parseAddressList('"Dupont, Jean" <jean@x.fr>, bob@y.fr, =?UTF-8?Q?=C3=89milie?= <e@z.fr>, broken');
    expect(r.addresses.map((a) => a.address)).toEqual(['jean@x.fr', 'bob@y.fr', 'e@z.fr']);
    expect(r.addresses[2].name).toBe('Émilie');
    expect(r.invalid).toEqual(['broken']);
  });

  it('encoded words and content-type parameters (RFC 2231)', () => {
    expect(decodeEncodedWords('=?UTF-8?B?w4k=?= =?UTF-8?Q?milie?=').text).toBe('Émilie');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?caf=E9?=').charsets).toEqual(['iso-8859-1']);
    const ct = parseStructuredValue("application/pdf; name*=UTF-8''r%C3%A9sum%C3%A9.pdf", true);
    expect(ct.params.name).toBe('résumé.pdf');
    expect(parseStructuredValue('text/plain; charset', true).problems.length).toBe(1);
  });
});
