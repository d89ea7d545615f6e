import { describe, expect, it } from '@jest/globals';
import { cell, codeBlock, codeSpan, escapeHtml, escapeText, proseWithCode } from '../../../../lib/domain/report/render/markdown-text.js';

describe('markdown text helpers', () => {
  it('escapes Markdown and HTML in prose', () => {
    expect(escapeText('ec2:* on <b>x</b> [link] _a_ `c` & #1')).toBe('ec2:\\* on \\<b\\>x\\</b\\> \\[link\\] \\_a\\_ \\`c\\` \\& \\#1');
  });

  it('escapes pipes and line breaks in table cells', () => {
    expect(cell('a|b\nc\r\nd')).toBe('a\\|b<br>c<br>d');
  });

  it('makes code spans that survive backticks and line breaks', () => {
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(codeSpan('one\ntwo')).toBe('`one\\ntwo`'); // a line break in a value shows as \n
  });

  it('makes code blocks with a fence longer than any inside', () => {
    expect(codeBlock('echo hi', 'sh')).toBe('```sh\necho hi\n```');
    expect(codeBlock('```\ninner\n```')).toBe('````\n```\ninner\n```\n````');
  });

  it('escapes HTML for <summary>', () => {
    expect(escapeHtml('"<a>" & b')).toBe('&quot;&lt;a&gt;&quot; &amp; b');
  });

  it('keeps quoted code of prose as code spans and escapes the rest', () => {
    expect(proseWithCode('see `kube-aws-audit policy` for *all*')).toBe('see `kube-aws-audit policy` for \\*all\\*');
    expect(proseWithCode('odd ` tick')).toBe('odd \\` tick');
  });
});
