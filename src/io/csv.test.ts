import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CsvError, type CsvRecord, formatCsv, formatCsvRow, neutraliseFormula, readCsv, readCsvAsync } from './csv.ts';

const read = (input: Parameters<typeof readCsv>[0]) => Array.from(readCsv(input));
const fieldsOf = (records: CsvRecord[]) => records.map((r) => r.fields);

function csvError(line: number, pattern: RegExp) {
  return (e: unknown) => e instanceof CsvError && e.line === line && pattern.test(e.message);
}

test('reads plain and quoted fields with commas, newlines and doubled quotes', () => {
  const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",\r\n';
  assert.deepEqual(fieldsOf(read(text)), [
    ['a', 'b', 'c'],
    ['1', 'x, y', 'say "hi"'],
    ['2', 'two\r\nlines', ''],
  ]);
});

test('each record carries the physical line it starts on, across quoted line breaks', () => {
  const text = 'h1,h2\n"multi\nline\nfield",x\n\nlast,"a\r\nb"\rafter,1';
  const records = read(text);
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 6, 8],
  );
  assert.deepEqual(records[3].fields, ['after', '1']);
});

test('LF, CRLF and lone CR all end records; a final line break is optional; blank lines are skipped', () => {
  for (const text of ['a\nb\n', 'a\r\nb\r\n', 'a\rb\r', 'a\nb', '\n\na\n\n\nb\n\n']) {
    assert.deepEqual(fieldsOf(read(text)), [['a'], ['b']], JSON.stringify(text));
  }
  assert.deepEqual(read('\n\nx'), [{ line: 3, fields: ['x'] }]);
  assert.deepEqual(read(''), []);
});

test('a UTF-8 byte-order mark is dropped, in text and in bytes', () => {
  assert.deepEqual(fieldsOf(read('\uFEFFid,x\n1,2')), [
    ['id', 'x'],
    ['1', '2'],
  ]);
  const bytes = new TextEncoder().encode('\uFEFFid,x\n1,2');
  assert.deepEqual(fieldsOf(read([bytes])), [
    ['id', 'x'],
    ['1', '2'],
  ]);
  assert.deepEqual(fieldsOf(read('a,\uFEFFb')), [['a', '\uFEFFb']]);
});

test('an empty quoted field on its own line is a record, not a blank line', () => {
  assert.deepEqual(read('""\n'), [{ line: 1, fields: [''] }]);
  assert.deepEqual(read(',\n'), [{ line: 1, fields: ['', ''] }]);
});

test('malformed quoting is a CsvError naming the line', () => {
  assert.throws(() => read('a,b\nc,d"e\n'), csvError(2, /quote inside an unquoted field/));
  assert.throws(() => read('a,b\n"c"d,e\n'), csvError(2, /after a closing quote/));
  assert.throws(() => read('a\nb\n"never\nclosed,x\n'), csvError(3, /starting on line 3 is never closed/));
});

test('records before an error are delivered before the error is thrown', () => {
  const seen: string[][] = [];
  assert.throws(
    () => {
      for (const r of readCsv('a,b\n1,2\n3,"4\n')) seen.push(r.fields);
    },
    csvError(3, /never closed/),
  );
  assert.deepEqual(seen, [
    ['a', 'b'],
    ['1', '2'],
  ]);
  const big = `${'x,y\n'.repeat(50_000)}bad"quote\n`;
  let count = 0;
  assert.throws(
    () => {
      for (const _ of readCsv(big)) count++;
    },
    csvError(50_001, /quote inside an unquoted field/),
  );
  assert.equal(count, 50_000);
});

test('limits on field length and field count', () => {
  assert.throws(() => Array.from(readCsv('x'.repeat(11), { maxFieldLength: 10 })), csvError(1, /longer than 10/));
  assert.throws(() => Array.from(readCsv('a\n1,2,3,4', { maxFields: 3 })), csvError(2, /more than 3 fields/));
  assert.equal(Array.from(readCsv('1,2,3', { maxFields: 3 })).length, 1);
});

test('errors after records spanning lines name the right line, a CRLF inside quotes counting once', () => {
  assert.throws(() => read('h\r\n"a\r\nb",x\r\n\r\nc,d"e\r\n'), csvError(5, /quote inside an unquoted field/));
  assert.throws(() => read('h\n"a\r\nb"\n"c"d\n'), csvError(4, /after a closing quote/));
  assert.throws(() => read('a,"b\nc",,,"d\ne'), csvError(2, /starting on line 2 is never closed/));
  assert.deepEqual(
    read('h\r\n"a\r\nb\r\nc",x\r\n\r\n\r\nlast').map((r) => r.line),
    [1, 2, 7],
  );
});

test('limits on record size and record count', () => {
  assert.throws(
    () => Array.from(readCsv(`a\n${'x,'.repeat(40)}\n`, { maxRecordBytes: 30 })),
    csvError(2, /larger than 30 bytes/),
  );
  assert.throws(() => Array.from(readCsv('h\n1\n\n2\n3\n', { maxRecords: 3 })), csvError(5, /more than 3 records/));
  assert.equal(Array.from(readCsv('h\n1\n2\n', { maxRecords: 3 })).length, 3);
});

test('bytes that are not UTF-8 are a CsvError', () => {
  assert.throws(() => read([new Uint8Array([0x61, 0x0a, 0xff, 0x0a])]), csvError(2, /not valid UTF-8/));
  assert.throws(() => read([new Uint8Array([0x61, 0xe2, 0x82])]), /ends inside a character/);
  const crlf = new TextEncoder().encode('a\r');
  assert.throws(() => read([crlf, new Uint8Array([0x0a, 0x62, 0x0a, 0xff])]), csvError(3, /not valid UTF-8/));
});

test('async input gives the same records as sync input', async () => {
  async function* chunks() {
    yield 'a,"b';
    yield '\r';
    yield '\nc"\r';
    yield '\n1,2';
  }
  const records: CsvRecord[] = [];
  for await (const r of readCsvAsync(chunks())) records.push(r);
  assert.deepEqual(records, read('a,"b\r\nc"\r\n1,2'));
  assert.deepEqual(records[1], { line: 3, fields: ['1', '2'] });
});

test('formula neutralisation: formula-like text gets a quote, plain numbers stay numbers', () => {
  for (const s of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x', '\rx', '  =HYPERLINK("x")', '-', '+', '--1'])
    assert.equal(neutraliseFormula(s), `'${s}`, s);
  for (const s of ['-3.5', '+2', '-0', '1e-3', '-1E+5', '-.5', '44.36', 'a=b', "'=x", '', 'Kirkuk'])
    assert.equal(neutraliseFormula(s), s, s);
  assert.equal(formatCsvRow(['=1+1', -3.5, '-3.5', 'x']), `'=1+1,-3.5,-3.5,x\r\n`);
  assert.equal(formatCsvRow(['=1+1'], { neutraliseFormulas: false, lineEnding: '\n' }), '=1+1\n');
});

test('the writer quotes only what needs it and writes null, numbers and booleans plainly', () => {
  assert.equal(
    formatCsvRow(['a', 'b,c', 'd"e', 'f\ng', ' pad', null, undefined, 3, true]),
    'a,"b,c","d""e","f\ng"," pad",,,3,true\r\n',
  );
  assert.equal(formatCsvRow(['']), '""\r\n');
  assert.equal(formatCsvRow([Number.NaN, Number.POSITIVE_INFINITY]), ',\r\n');
  assert.throws(() => formatCsvRow([]), RangeError);
  const withBom = formatCsv([['كركوك', 'x']], { byteOrderMark: true });
  assert.equal(withBom, '\uFEFFكركوك,x\r\n');
  assert.deepEqual(fieldsOf(read(withBom)), [['كركوك', 'x']]);
});

const csvUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', '\uFEFF', '=', '-', "'", 'a', 'é') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);
const csvText = fc.string({ unit: csvUnit, maxLength: 40 });
const rows = fc.array(fc.array(csvText, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 6 });

test('property: write(rows) then read gives the same rows (neutralisation off), whatever the line ending', () => {
  fc.assert(
    fc.property(rows, fc.constantFrom('\r\n' as const, '\n' as const), (rs, lineEnding) => {
      const text = formatCsv(rs, { neutraliseFormulas: false, lineEnding });
      assert.deepEqual(fieldsOf(read(text)), rs);
    }),
    { numRuns: 2000 },
  );
});

test('property: splitting the input into chunks (text or bytes, anywhere) changes nothing', () => {
  fc.assert(
    fc.property(rows, fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (rs, cuts, asBytes) => {
      const text = formatCsv(rs, { neutraliseFormulas: false });
      const whole = read(text);
      const unit = asBytes ? new TextEncoder().encode(text) : text;
      const points = [...new Set(cuts.map((c) => c % (unit.length + 1)))].sort((a, b) => a - b);
      const chunks: (string | Uint8Array)[] = [];
      let from = 0;
      for (const p of [...points, unit.length]) {
        chunks.push(unit.slice(from, p));
        from = p;
      }
      assert.deepEqual(read(chunks), whole);
    }),
    { numRuns: 1000 },
  );
});

test('property: neutralised output reads back as the neutralised cells', () => {
  fc.assert(
    fc.property(rows, (rs) => {
      const back = fieldsOf(read(formatCsv(rs)));
      assert.deepEqual(
        back,
        rs.map((r) => r.map(neutraliseFormula)),
      );
      for (const cell of back.flat()) assert.ok(neutraliseFormula(cell) === cell || cell.startsWith("'"));
    }),
    { numRuns: 1000 },
  );
});

test('property: reading arbitrary input throws nothing but CsvError, and lines only grow', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: csvUnit, maxLength: 200 }), fc.string({ unit: 'binary' })), (text) => {
      try {
        let last = 0;
        for (const r of readCsv(text)) {
          assert.ok(r.line > last, 'lines increase');
          assert.ok(r.fields.length >= 1);
          last = r.line;
        }
      } catch (e) {
        assert.ok(e instanceof CsvError, String(e));
        assert.ok(e.line >= 1);
      }
    }),
    { numRuns: 3000 },
  );
});

test('regression: a BOM after a character split across byte chunks is kept (Node decoder strips it)', () => {
  const text = '\x80\uFEFFé,x\r\n';
  const bytes = new TextEncoder().encode(text);
  assert.deepEqual(read([bytes.slice(0, 1), bytes.slice(1)]), read(text));
  assert.deepEqual(fieldsOf(read([bytes.slice(0, 1), bytes.slice(1)])), [['\x80\uFEFFé', 'x']]);
});
