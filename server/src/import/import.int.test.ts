import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project } from '../project/project.entity.js';
import { Advance, Repayment, RepaymentInstalment } from '../advance/advance.entity.js';
import { IMPORT_COLUMNS, IMPORT_HEADERS } from './import.service.js';

const IMPORT = `mutation($b: ID!, $name: String!, $content: String!, $dry: Boolean) {
  importBasinData(basinId: $b, fileName: $name, contentBase64: $content, dryRun: $dry) { rows imported projects advances errors { line column message } } }`;

let server: TestServer;
let a: TestBasin;
let operator: string;

const header = IMPORT_COLUMNS.join(';');
const row = (values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string | number>>) =>
  IMPORT_COLUMNS.map((c) => values[c] ?? '').join(';');
const good = [
  row({
    siren: '552100554',
    sme_name: 'Chaudronnerie Nord',
    sector: 'Métallurgie',
    headcount: 22,
    town: 'Anzin',
    project_title: 'Soudure robotisée',
    prescriber_organisation: 'Initiative im',
    jobs_planned: 8,
    jobs_created: 3,
    jobs_preserved: 20,
    outcome: 'APPROVED',
    decided_on: '2025-03-12',
    mandatary_email: 'member@im.test',
    advance_amount: 12000,
    disbursed_on: '2025-04-01',
    deferral_months: 6,
    duration_months: 24,
    frequency: 'MONTHLY',
    repaid_amount: 3000,
    repaid_on: '2026-02-01',
  }),
  row({
    siren: '130005481',
    sme_name: 'Boulangerie Fine',
    project_title: 'Nouveau four',
    prescriber_organisation: 'Initiative im',
    jobs_planned: 2,
    outcome: 'REJECTED',
    decided_on: '2025-05-10',
  }),
  row({
    siren: '180020026',
    sme_name: 'Logistique 59',
    project_title: 'Entrepôt',
    kind: 'TAKEOVER',
    prescriber_organisation: 'Partner im',
    jobs_planned: 5,
  }),
];
const csv = (lines: string[]) => Buffer.from(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`).toString('base64');

async function counts() {
  const em = server.orm.em.fork();
  return {
    projects: await em.count(Project),
    advances: await em.count(Advance),
    repayments: await em.count(Repayment),
  };
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'im');
  operator = await signInToken(server, 'operator@im.test', PASSWORD);
});
afterAll(() => server?.close());

describe('importing an existing basin', () => {
  it('should preview a file with its errors row by row, and refuse it whole, writing nothing', async () => {
    const bad = [
      good[0]!,
      row({ siren: '552100555', sme_name: 'X', project_title: 'Y', prescriber_organisation: 'Initiative im' }),
      row({
        siren: '110043015',
        sme_name: 'Z',
        project_title: 'W',
        prescriber_organisation: 'Nobody',
        jobs_planned: 'beaucoup',
        outcome: 'APPROVED',
        decided_on: '12/03/2025',
        advance_amount: 20000,
      }),
    ];
    const before = await counts();
    const preview = await gql(
      server,
      IMPORT,
      { b: a.basin.id, name: 'basin.csv', content: csv(bad), dry: true },
      { token: operator },
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data?.importBasinData).toMatchObject({ rows: 3, imported: false });
    expect(preview.data?.importBasinData.errors).toEqual([
      { line: 3, column: 'siren', message: 'not a valid SIREN' },
      { line: 4, column: 'prescriber_organisation', message: 'no such organisation in the basin' },
      { line: 4, column: 'jobs_planned', message: 'must be a whole number, 0 or more' },
      { line: 4, column: 'decided_on', message: 'must be a date YYYY-MM-DD' },
      { line: 4, column: 'mandatary_email', message: 'an approved project needs a mandatary from the committee' },
      { line: 4, column: 'advance_amount', message: "above the basin's cap (15000 €)" },
    ]);
    const refused = await gql(
      server,
      IMPORT,
      { b: a.basin.id, name: 'basin.csv', content: csv(bad), dry: false },
      { token: operator },
    );
    expect(codeOf(refused)).toBe('IMPORT_REJECTED');
    expect(refused.errors?.[0]?.extensions?.rows).toHaveLength(6);
    expect(await counts()).toEqual(before);
  });

  it('should import a good XLSX whole: projects, decisions, advances with their schedule and repayments, jobs', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Projets');
    sheet.addRow([...IMPORT_COLUMNS]);
    for (const line of good)
      sheet.addRow(line.split(';').map((v) => (/^\d+$/.test(v) && v.length < 9 ? Number(v) : v)));
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const preview = await gql(
      server,
      IMPORT,
      { b: a.basin.id, name: 'basin.xlsx', content, dry: true },
      { token: operator },
    );
    expect(preview.data?.importBasinData).toEqual({ rows: 3, imported: false, projects: 3, advances: 1, errors: [] });
    const done = await gql(
      server,
      IMPORT,
      { b: a.basin.id, name: 'basin.xlsx', content, dry: false },
      { token: operator },
    );
    expect(done.data?.importBasinData).toMatchObject({ imported: true, projects: 3, advances: 1 });
    const em = server.orm.em.fork();
    const projects = await em.find(Project, { basin: a.basin.id }, { orderBy: { title: 'asc' } });
    expect(projects.map((p) => [p.title, p.status, p.jobsCreated])).toEqual([
      ['Entrepôt', 'PRESCRIBED', 0],
      ['Nouveau four', 'REJECTED', 0],
      ['Soudure robotisée', 'FOLLOW_UP', 3],
    ]);
    const instalments = await em.find(RepaymentInstalment, {}, { orderBy: { number: 'asc' } });
    expect(instalments.reduce((s, i) => s + i.amount, 0)).toBe(12000);
    expect(instalments.reduce((s, i) => s + i.paidAmount, 0)).toBe(3000);
    const again = await gql(
      server,
      IMPORT,
      { b: a.basin.id, name: 'basin.xlsx', content, dry: true },
      { token: operator },
    );
    expect(again.data?.importBasinData.errors.map((e: { message: string }) => e.message)).toEqual([
      'already in the basin',
      'already in the basin',
      'already in the basin',
    ]);
  });

  it('should read the labels it writes, in French and in English, as well as the codes', async () => {
    type Values = Partial<Record<(typeof IMPORT_COLUMNS)[number], string | number>>;
    const file = (lang: 'fr' | 'en', rows: Values[]) => [
      IMPORT_COLUMNS.map((c) => IMPORT_HEADERS[c][lang]),
      ...rows.map((r) => IMPORT_COLUMNS.map((c) => r[c] ?? '')),
    ];
    const french = file('fr', [
      {
        siren: '401000005',
        sme_name: 'Fonderie Escaut',
        project_title: 'Reprise de la fonderie',
        kind: 'Reprise',
        prescriber_organisation: 'Initiative im',
        outcome: 'Approuvé',
        decided_on: '2025-06-02',
        mandatary_email: 'member@im.test',
        advance_amount: 9000,
        disbursed_on: '2025-07-01',
        frequency: 'Trimestrielle',
      },
      {
        siren: '401000013',
        sme_name: 'Atelier Rhonelle',
        project_title: 'Atelier',
        kind: 'DEVELOPMENT',
        outcome: 'ajourne',
        decided_on: '2025-06-02',
        prescriber_organisation: 'Initiative im',
      },
    ]);
    const english = file('en', [
      {
        siren: '401000021',
        sme_name: 'Textiles Sambre',
        project_title: 'New loom line',
        kind: 'Structuring project',
        prescriber_organisation: 'Initiative im',
        outcome: 'Rejected',
        decided_on: '2025-06-03',
      },
      {
        siren: '401000039',
        sme_name: 'Bad',
        project_title: 'Bad',
        kind: 'Takeover-ish',
        prescriber_organisation: 'Initiative im',
        outcome: 'Maybe',
        decided_on: '2025-06-03',
      },
    ]);
    const frenchCsv = Buffer.from(`\uFEFF${french.map((r) => r.join(';')).join('\r\n')}\r\n`).toString('base64');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Projects');
    for (const r of english) sheet.addRow(r);
    const englishXlsx = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');

    const wrong = await gql(
      server,
      IMPORT,
      { b: a.basin.id, name: 'en.xlsx', content: englishXlsx, dry: true },
      { token: operator },
    );
    expect(wrong.data?.importBasinData.errors).toEqual([
      { line: 3, column: 'kind', message: 'one of DEVELOPMENT, TAKEOVER, STRUCTURING, CREATION' },
      { line: 3, column: 'outcome', message: 'one of APPROVED, REJECTED, DEFERRED' },
    ]);
    sheet.spliceRows(3, 1);
    const englishOnly = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    for (const [name, content] of [
      ['fr.csv', frenchCsv],
      ['en.xlsx', englishOnly],
    ] as const) {
      const done = await gql(server, IMPORT, { b: a.basin.id, name, content, dry: false }, { token: operator });
      expect(done.errors).toBeUndefined();
      expect(done.data?.importBasinData.imported).toBe(true);
    }
    const em = server.orm.em.fork();
    const imported = await em.find(
      Project,
      { sme: { siren: { $in: ['401000005', '401000013', '401000021'] } } },
      { orderBy: { title: 'asc' } },
    );
    expect(imported.map((p) => [p.title, p.kind, p.status])).toEqual([
      ['Atelier', 'DEVELOPMENT', 'DEFERRED'],
      ['New loom line', 'STRUCTURING', 'REJECTED'],
      ['Reprise de la fonderie', 'TAKEOVER', 'FOLLOW_UP'],
    ]);
    const advance = await em.findOneOrFail(Advance, { project: imported[2]! });
    expect(advance.frequency).toBe('QUARTERLY');
  });

  it('should publish its columns in the contract, so that the template and help follow the server', async () => {
    const columns = await gql(server, '{ importColumns }', {}, { token: operator });
    expect(columns.data?.importColumns).toEqual([...IMPORT_COLUMNS]);
  });

  it('should keep imports to the operator of the basin', async () => {
    const member = await signInToken(server, 'member@im.test', PASSWORD);
    expect(
      codeOf(await gql(server, IMPORT, { b: a.basin.id, name: 'b.csv', content: csv(good) }, { token: member })),
    ).toBe('FORBIDDEN');
  });
});
