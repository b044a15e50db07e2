import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { pdfAccessibility, pdfText } from '../test/pdf-text.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { seedDemoBasin, DEMO_PASSWORD } from '../seeders/demo-basin.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Contribution, ContributionKind, ContributionOrigin } from '../basin/contribution.entity.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Person } from '../person/person.entity.js';
import { frenchFigure } from './annual-report-pdf.js';
import type { Kind } from './report-sheets.js';

const DASHBOARD = `query($b: ID!) { basinDashboard(basinId: $b) {
  smesSupported jobsPlanned jobsCreated jobsPreserved jobsPerSme daysPledged daysDelivered daysDeliveredValue
  years { index startsOn examined approved jobsPlanned }
  advances { advancesCount granted disbursedCount lent repaid repaidCount outstanding losses defaultedCount lossRate available }
  resources { source cash inKind staffTime total share }
  runningCosts { balance }
} }`;

const THIS_YEAR = new Date().getUTCFullYear();
let server: TestServer;
let small: TestBasin;
let demoBasinId: string;

const download = (basinId: string, file: string, token: string | null) =>
  fetch(`${server.url}/files/reports/${basinId}/${file}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
/** A figure as the PDF writes it, with the one kind of space that pdfText leaves. */
const shown = (value: number, kind: Kind = 'count') => frenchFigure(value, kind).replace(/[\u00a0\u202f]/g, ' ');
const workbookOf = async (response: Response) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return workbook;
};
/** The value next to an indicator on a sheet of two columns. */
const valueOf = (sheet: ExcelJS.Worksheet, indicator: string) => {
  let found: ExcelJS.CellValue = null;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === indicator) found = row.getCell(2).value;
  });
  return found;
};

beforeAll(async () => {
  server = await startTestServer();
  await seedDemoBasin(server.orm.em.fork(), databaseFileStore());
  small = await createTestBasin(server.orm.em.fork(), 'ra');
  await createTestBasin(server.orm.em.fork(), 'rb');
  demoBasinId = (await server.orm.em.fork().findOneOrFail(TriennialConvention, { basin: { slug: { $ne: 'ra' } } }))
    .basin.id;
  // A basin with figures known by hand: a convention from 1 January this year, two decisions this year, one before.
  const em = server.orm.em.fork();
  em.create(TriennialConvention, {
    basin: small.basin.id,
    label: 'Convention de partenariat ra',
    startsOn: `${THIS_YEAR}-01-01`,
    endsOn: `${THIS_YEAR + 2}-12-31`,
  });
  const project = (title: string, status: ProjectStatus, jobsPlanned: number, siren: string) =>
    em.create(Project, {
      basin: small.basin.id,
      sme: em.create(Sme, { basin: small.basin.id, siren, name: title, sector: 'x', headcount: 10, town: 'x' }),
      title,
      prescriber: small.people.prescriber.id,
      prescriberOrganisation: small.associated.id,
      status,
      jobsPlanned,
      jobsCreated: status === ProjectStatus.REJECTED ? 0 : 3,
      jobsPreserved: status === ProjectStatus.REJECTED ? 0 : 2,
    });
  const approved = project('Approved', ProjectStatus.FOLLOW_UP, 10, '552100554');
  const rejected = project('Rejected', ProjectStatus.REJECTED, 8, '130005481');
  const earlier = project('Earlier', ProjectStatus.CLOSED, 5, '180020026');
  const recordedBy = small.people.chair.id;
  const decide = (p: Project, outcome: DecisionOutcome, on: string) =>
    em.create(Decision, { project: p, outcome, recordedBy, decidedAt: new Date(`${on}T10:00:00Z`) });
  decide(approved, DecisionOutcome.APPROVED, `${THIS_YEAR}-02-03`);
  decide(rejected, DecisionOutcome.REJECTED, `${THIS_YEAR}-03-04`);
  decide(earlier, DecisionOutcome.APPROVED, `${THIS_YEAR - 1}-06-07`);
  const agglo = em.create(Organisation, {
    basin: small.basin.id,
    name: 'Agglo ra',
    kind: OrganisationKind.COLLECTIVITY,
  });
  const contribute = (
    organisation: string,
    year: number,
    amount: number,
    origin: ContributionOrigin,
    kind?: ContributionKind,
  ) => em.create(Contribution, { basin: small.basin.id, organisation, year, amount, origin, kind });
  contribute(small.partner.id, THIS_YEAR, 20000, ContributionOrigin.COMPANIES);
  contribute(agglo.id, THIS_YEAR, 39000, ContributionOrigin.COLLECTIVITIES);
  contribute(agglo.id, THIS_YEAR - 1, 1500, ContributionOrigin.COLLECTIVITIES, ContributionKind.IN_KIND);
  await em.flush();
});
afterAll(() => server?.close());

describe('annual activity report', () => {
  it("should print the dashboard's figures in the PDF, in French", async () => {
    const observer = await signInToken(server, 'observateur@demo.agrement.fr', DEMO_PASSWORD);
    const d = (await gql(server, DASHBOARD, { b: demoBasinId }, { token: observer })).data!.basinDashboard;
    const response = await download(demoBasinId, `${THIS_YEAR}.pdf`, observer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/rapport-activite-.*\.pdf/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = await pdfText(bytes.slice());
    expect(text).toContain(`Rapport annuel d’activité ${THIS_YEAR}`);
    // like every document of the platform: tagged in French, its fonts embedded
    const a11y = await pdfAccessibility(bytes);
    expect([a11y.tagged, a11y.lang, a11y.fonts.every((f) => f.embedded)]).toEqual([true, 'fr-FR', true]);
    expect(a11y.pages[0]!.filter((role) => ['H1', 'H2', 'Table'].includes(role)).slice(0, 4)).toEqual([
      'H1',
      'H2',
      'Table',
      'H2',
    ]);
    expect(text).toContain(`PME accompagnées ${shown(d.smesSupported)}`);
    expect(text).toContain(`Emplois prévus ${shown(d.jobsPlanned)}`);
    expect(text).toContain(`Embauches réalisées (emplois créés) ${shown(d.jobsCreated)}`);
    expect(text).toContain(`Emplois préservés ${shown(d.jobsPreserved)}`);
    expect(text).toContain(`Emplois par PME accompagnée ${shown(d.jobsPerSme, 'decimal')}`);
    expect(text).toContain(`Jours de compétences engagés ${shown(d.daysPledged, 'days')}`);
    expect(text).toContain(`Jours de compétences réalisés ${shown(d.daysDelivered, 'days')}`);
    expect(text).toContain(`Valorisation des jours réalisés ${shown(d.daysDeliveredValue, 'euros')}`);
    expect(text).toContain(`Avances accordées ${shown(d.advances.advancesCount)}`);
    expect(text).toContain(`Montant prêté ${shown(d.advances.lent, 'euros')}`);
    expect(text).toContain(`Remboursé ${shown(d.advances.repaid, 'euros')}`);
    expect(text).toContain(`Avances en défaut ${shown(d.advances.defaultedCount)}`);
    expect(text).toContain(`Pertes ${shown(d.advances.losses, 'euros')}`);
    expect(text).toContain(`Disponible ${shown(d.advances.available, 'euros')}`);
    expect(text).toContain(`Taux de sinistre ${shown(d.advances.lossRate, 'percent')}`);
    const companies = d.resources.find((r: { source: string }) => r.source === 'COMPANIES');
    expect(text).toContain(
      `Entreprises ${shown(companies.cash, 'euros')} ${shown(companies.inKind, 'euros')} ${shown(companies.staffTime, 'euros')} ${shown(companies.total, 'euros')} ${shown(companies.share, 'percent')}`,
    );
    // the demo's figures are real: a report of zeros would pass the comparisons above
    expect(d.smesSupported).toBeGreaterThan(0);
    expect(d.advances.lent).toBeGreaterThan(0);
    // French typography: a no-break space before the colon, none of the standard fonts' "?" replacements
    expect(text).not.toContain('?');
  });

  it("should count the calendar year's decisions as the dashboard counts its years, and the year's money", async () => {
    const operator = await signInToken(server, 'operator@ra.test', PASSWORD);
    const d = (await gql(server, DASHBOARD, { b: small.basin.id }, { token: operator })).data!.basinDashboard;
    // the convention starts on 1 January: its first year is the calendar year
    expect(d.years[0]).toMatchObject({ startsOn: `${THIS_YEAR}-01-01`, examined: 2, approved: 1, jobsPlanned: 10 });
    const text = await pdfText(
      new Uint8Array(await (await download(small.basin.id, `${THIS_YEAR}.pdf`, operator)).arrayBuffer()),
    );
    expect(text).toContain(`Projets examinés ${d.years[0].examined}`);
    expect(text).toContain(`Projets agréés ${d.years[0].approved}`);
    expect(text).toContain(`Emplois prévus par les projets agréés ${d.years[0].jobsPlanned}`);
    expect(text).toContain('Agglo ra 39 000 € 0 € 39 000 € 40 500 €');
    expect(text).toContain('Collectivités');

    const response = await download(small.basin.id, `${THIS_YEAR}.xlsx`, operator);
    expect(response.status).toBe(200);
    const workbook = await workbookOf(response);
    expect(workbook.worksheets.map((s) => s.name)).toContain(`Activité ${THIS_YEAR}`);
    const activity = workbook.getWorksheet(`Activité ${THIS_YEAR}`)!;
    expect(activity.getRow(1).getCell(1).value).toBe('Indicateur');
    expect(valueOf(activity, 'Projets examinés')).toBe(2);
    expect(valueOf(activity, 'Projets agréés')).toBe(1);
    const jobs = workbook.getWorksheet('Emplois et compétences')!;
    expect(valueOf(jobs, 'Emplois prévus')).toBe(d.jobsPlanned);
    expect(valueOf(jobs, 'Embauches réalisées (emplois créés)')).toBe(d.jobsCreated);
    const funders = workbook.getWorksheet('Relevés des financeurs')!;
    const agglo = funders.getRows(2, funders.rowCount - 1)!.find((r) => r.getCell(1).value === 'Agglo ra')!;
    expect([agglo.getCell(2).value, agglo.getCell(4).value, agglo.getCell(5).value]).toEqual([39000, 39000, 40500]);

    // last year's report: the earlier approval, not this year's
    const before = await workbookOf(await download(small.basin.id, `${THIS_YEAR - 1}.xlsx?lang=en`, operator));
    const lastYear = before.getWorksheet(`Activity ${THIS_YEAR - 1}`)!;
    expect(lastYear.getRow(1).getCell(1).value).toBe('Indicator');
    expect(valueOf(lastYear, 'Projects approved')).toBe(1);
    expect(valueOf(lastYear, 'Jobs planned by the approved projects')).toBe(5);
    expect(before.getWorksheet('Jobs and competences')).toBeDefined();
  });

  it('should be read by the operator, the steering committee, the funders and the national head only', async () => {
    const as = async (email: string) => signInToken(server, email, PASSWORD);
    const status = async (email: string | null, file = `${THIS_YEAR}.pdf`) =>
      (await download(small.basin.id, file, email ? await as(email) : null)).status;
    expect(await status('operator@ra.test')).toBe(200);
    expect(await status('observer@ra.test')).toBe(200);
    // the member speaks for a partner company that contributed: a funder
    expect(await status('member@ra.test', `${THIS_YEAR}.xlsx`)).toBe(200);
    // another member's company gave nothing; the SME leader is no funder
    expect(await status('othermember@ra.test')).toBe(403);
    expect(await status('smeleader@ra.test')).toBe(403);
    expect(await status('observer@rb.test')).toBe(404);
    expect(await status(null)).toBe(401);
    expect(await status('operator@ra.test', '1999.pdf')).toBe(404);
    expect(await status('operator@ra.test', `${THIS_YEAR}.docx`)).toBe(404);
    const em = server.orm.em.fork();
    await em.nativeUpdate(Person, { email: 'operator@rb.test' }, { isNetworkHead: true });
    expect(await status('operator@rb.test')).toBe(200);

    const years = `query($b: ID!) { annualReportYears(basinId: $b) }`;
    const funder = await gql(server, years, { b: small.basin.id }, { token: await as('member@ra.test') });
    expect(funder.data?.annualReportYears).toEqual([THIS_YEAR, THIS_YEAR - 1]);
    expect(codeOf(await gql(server, years, { b: small.basin.id }, { token: await as('othermember@ra.test') }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await gql(server, years, { b: small.basin.id }, { token: await as('observer@rb.test') }))).toBe(
      'NOT_FOUND',
    );
  });
});
