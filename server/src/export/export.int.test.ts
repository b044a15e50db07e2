import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project, ProjectStatus } from '../project/project.entity.js';

let server: TestServer;
let a: TestBasin;
let token: string;

const download = (path: string, auth: string | null = token) =>
  fetch(`${server.url}/files/exports/${path}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'ex');
  await createTestBasin(server.orm.em.fork(), 'ey');
  const em = server.orm.em.fork();
  em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Ligne; "automatisée"',
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
    status: ProjectStatus.FOLLOW_UP,
    jobsPlanned: 7,
    jobsCreated: 3,
    advanceRequested: 12500,
  });
  await em.flush();
  token = await signInToken(server, 'observer@ex.test', PASSWORD);
});
afterAll(() => server?.close());

describe('exports', () => {
  it('should give a CSV that French spreadsheets open: BOM, semicolons, quoted fields', async () => {
    const response = await download(`${a.basin.id}/projects.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, row] = text.slice(1).split('\r\n');
    expect(header).toBe(
      'SIREN;Entreprise;Commune;Effectif;Projet;Nature;Statut;Prescripteur;Emplois prévus;Embauches réalisées;Emplois préservés;Avance demandée (€);Date de décision;Mandataire',
    );
    expect(row).toBe(
      '732829320;Mécanique ex;Valenciennes;18;"Ligne; ""automatisée""";Développement;En suivi;Initiative ex;7;3;0;12500;;',
    );
  });

  it('should write headers and coded values in English on request', async () => {
    const response = await download(`${a.basin.id}/projects.csv?lang=en`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    const [header, row] = text.slice(1).split('\r\n');
    expect(header).toBe(
      'SIREN;SME;Town;Headcount;Project;Kind;Status;Prescriber;Jobs planned;Hires made;Jobs preserved;Advance requested (€);Decided on;Mandatary',
    );
    expect(row).toContain(';Development;In follow-up;');
    expect(text).not.toMatch(/DEVELOPMENT|FOLLOW_UP/);
  });

  it('should give the same table as an XLSX workbook, in English on request', async () => {
    const response = await download(`${a.basin.id}/projects.xlsx?lang=en`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('projects')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('SIREN');
    expect(sheet.getRow(1).getCell(9).value).toBe('Jobs planned');
    expect(sheet.getRow(2).getCell(9).value).toBe(7);
    expect(sheet.getRow(2).getCell(7).value).toBe('In follow-up');
    expect(sheet.rowCount).toBe(2);
  });

  it('should export every dashboard table, and nothing to strangers', async () => {
    for (const table of ['decisions', 'advances', 'repayments', 'competences', 'years', 'resources']) {
      expect((await download(`${a.basin.id}/${table}.csv`)).status).toBe(200);
    }
    expect((await download(`${a.basin.id}/secrets.csv`)).status).toBe(404);
    expect((await download(`${a.basin.id}/projects.csv`, null)).status).toBe(401);
    const outsider = await signInToken(server, 'observer@ey.test', PASSWORD);
    expect((await download(`${a.basin.id}/projects.csv`, outsider)).status).toBe(404);
  });
});
