// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { capText, decodeHtmlEntities, htmlToText } from '../../../utils/sources/html-to-text';

describe('htmlToText', () => {
  it('drops tags and keeps the words', () => {
    expect(htmlToText('<p>The <b>second</b> round in <a href="https://x.example/?a=1&amp;b=2">Geneva</a>.</p>')).toBe(
      'The second round in Geneva.',
    );
  });

  it('drops the contents of script, style and similar elements, whatever their case', () => {
    expect(htmlToText('a<script>alert("</p>")</script>b<STYLE>p{}</STYLE >c<svg><text>x</text></svg>d<noscript>n</noscript>e')).toBe('abcde');
    expect(htmlToText('before<script>never closed')).toBe('before');
  });

  it('turns block tags into line breaks and collapses whitespace', () => {
    expect(htmlToText('<div>  One\n\n\t line </div><p>Two</p><ul><li>a</li><li>b</li></ul>x<br>y')).toBe('One line\nTwo\na\nb\nx\ny');
  });

  it('skips comments, CDATA-like and processing instructions', () => {
    expect(htmlToText('a<!-- <p>hidden</p> -->b<![CDATA[c]]>d<?php echo 1 ?>e<!DOCTYPE html>f')).toBe('abdef');
  });

  it('keeps a lone < and quoted > inside attributes', () => {
    expect(htmlToText('3 < 5 and 7 > 2')).toBe('3 < 5 and 7 > 2');
    expect(htmlToText('<img alt="a > b" src=x>caption')).toBe('caption');
    expect(htmlToText("<p class=x it's>fine</p>")).toBe('fine');
  });

  it('decodes named and numeric entities after the tags are gone, so decoded < is text', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt; &ldquo;quoted&rdquo; &#8212; &#x2014; caf&eacute; &unknown;')).toBe(
      '<script>alert(1)</script> “quoted” — — café &unknown;',
    );
  });

  it('keeps Persian zero-width non-joiners and drops control characters', () => {
    expect(htmlToText('<p>می&zwnj;خواهند</p>\u0007')).toBe('می\u200Cخواهند');
    expect(htmlToText('می\u200Cخواهند')).toBe('می\u200Cخواهند');
  });

  it('caps the length at a word boundary with an ellipsis', () => {
    const text = htmlToText(`<p>${'talks '.repeat(1000)}</p>`, 100);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/talks…$/);
  });

  it('stays linear on hostile input', () => {
    // Many unclosed tags, quotes and entities: each character is looked at a bounded number of times.
    const hostile = '<a b="'.repeat(20_000) + '&amp'.repeat(20_000) + '<'.repeat(20_000);
    expect(htmlToText(hostile).length).toBeLessThanOrEqual(2000);
  });
});

describe('decodeHtmlEntities', () => {
  it('does not let a named entity come from the object prototype', () => {
    expect(decodeHtmlEntities('&constructor; &toString; &__proto__;')).toBe('&constructor; &toString; &__proto__;');
  });
});

describe('capText', () => {
  it('does not split a surrogate pair', () => {
    const capped = capText('x'.repeat(8) + '😀' + 'y'.repeat(10), 10);
    expect(capped).toBe('xxxxxxxx…');
  });
});
