/** The escape-by-default `safeHtml` tag that pages and mails are built with. */
import { escapeHtml, joinHtml, raw, safeHtml } from '../../presentation/html';

test('an interpolated text is escaped, so a name with markup in it shows as text', () => {
  const name = `<script>alert("x")</script> & O'Brien`;
  expect(safeHtml`<p>${name}</p>`.html).toBe(
    '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien</p>',
  );
});

test('a value in an attribute cannot close the attribute', () => {
  expect(safeHtml`<a href="${'https://x.example/?a=1&b="2"'}">x</a>`.html).toBe(
    '<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">x</a>',
  );
});

test('the literal parts of the template are kept exactly as written', () => {
  expect(safeHtml`<p class="meta"  style="font-family:'Segoe UI'">${'a'}</p>\n`.html).toBe(
    `<p class="meta"  style="font-family:'Segoe UI'">a</p>\n`,
  );
});

test('numbers are written as they are', () => {
  expect(safeHtml`<td>${3}</td><td>${-1.5}</td>`.html).toBe('<td>3</td><td>-1.5</td>');
});

test('a nested fragment is kept, not escaped twice', () => {
  const inner = safeHtml`<em>${'a & b'}</em>`;
  expect(safeHtml`<p>${inner}</p>`.html).toBe('<p><em>a &amp; b</em></p>');
});

test('an array of fragments is joined without a separator', () => {
  const items = ['<1>', '2'].map((item) => safeHtml`<li>${item}</li>`);
  expect(safeHtml`<ul>${items}</ul>`.html).toBe('<ul><li>&lt;1&gt;</li><li>2</li></ul>');
  expect(safeHtml`<ul>${[]}</ul>`.html).toBe('<ul></ul>');
});

test('joinHtml puts the separator between fragments', () => {
  expect(joinHtml([safeHtml`<p>a</p>`, safeHtml`<p>${'<b>'}</p>`], '\n').html).toBe(
    '<p>a</p>\n<p>&lt;b&gt;</p>',
  );
});

test('raw markup is trusted and passed through unescaped', () => {
  const style = raw('<style>a{font-family:"Segoe UI"}</style>');
  expect(safeHtml`<head>${style}</head>`.html).toBe('<head><style>a{font-family:"Segoe UI"}</style></head>');
});

test('a plain object that only looks like a fragment is refused, not trusted', () => {
  const lookalike = { html: '<b>' } as unknown as string;
  expect(() => safeHtml`${lookalike}`).toThrow(TypeError);
});

test('escapeHtml escapes the five characters that matter in text and attributes', () => {
  expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
});
