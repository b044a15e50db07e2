import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project } from '../project/project.entity.js';
import { Attachment } from './diagnosis-paper.entity.js';

const SAVE = `mutation($projectId: ID!, $input: DiagnosisVersionInput!) {
  saveDiagnosisVersion(projectId: $projectId, input: $input) { id number title author { email } sections { heading body position } attachments { fileName } }
}`;
const ATTACH = `mutation($versionId: ID!, $file: AttachmentInput!) { addAttachment(versionId: $versionId, file: $file) { id fileName size mimeType url } }`;
const PAPER = `query($id: ID!) { project(id: $id) { diagnosis { latestVersion latest { number title } versions { number attachments { fileName } } } } }`;

let server: TestServer;
let a: TestBasin;
let project: Project;

const sections = [
  { heading: 'Présentation de l’entreprise', body: 'Atelier de 18 personnes.\n\nClients ferroviaires.' },
  { heading: 'Besoins', body: 'Démarche qualité ISO 9001.' },
];

beforeAll(async () => {
  server = await startTestServer({ maxAttachmentBytes: 1024 });
  a = await createTestBasin(server.orm.em.fork(), 'da');
  await createTestBasin(server.orm.em.fork(), 'db');
  const em = server.orm.em.fork();
  project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Qualité',
    prescriber: a.people.member.id,
    prescriberOrganisation: a.partner.id,
  });
  await em.flush();
});
afterAll(() => server?.close());

describe('diagnosis papers', () => {
  it('should keep every version, carry attachments forward, and serve files to the basin only', async () => {
    const prescriber = await signInToken(server, 'member@da.test', PASSWORD);
    const v1 = await gql(
      server,
      SAVE,
      { projectId: project.id, input: { title: 'Diagnostic préalable', sections } },
      { token: prescriber },
    );
    expect(v1.errors).toBeUndefined();
    expect(v1.data?.saveDiagnosisVersion).toMatchObject({
      number: 1,
      author: { email: 'member@da.test' },
      sections: [{ position: 0 }, { position: 1 }],
    });

    const content = Buffer.from('%PDF-1.4 tiny test file');
    const attached = await gql(
      server,
      ATTACH,
      {
        versionId: v1.data?.saveDiagnosisVersion.id,
        file: { fileName: 'bilan 2025.pdf', mimeType: 'application/pdf', contentBase64: content.toString('base64') },
      },
      { token: prescriber },
    );
    expect(attached.errors).toBeUndefined();
    expect(attached.data?.addAttachment).toMatchObject({
      fileName: 'bilan 2025.pdf',
      size: content.length,
      mimeType: 'application/pdf',
    });

    const operator = await signInToken(server, 'operator@da.test', PASSWORD);
    const v2 = await gql(
      server,
      SAVE,
      {
        projectId: project.id,
        input: { title: 'Diagnostic préalable (révisé)', changeNote: 'Chiffres 2025', sections },
      },
      { token: operator },
    );
    expect(v2.data?.saveDiagnosisVersion).toMatchObject({ number: 2, attachments: [{ fileName: 'bilan 2025.pdf' }] });

    const observer = await signInToken(server, 'observer@da.test', PASSWORD);
    const paper = await gql(server, PAPER, { id: project.id }, { token: observer });
    expect(paper.data?.project.diagnosis).toEqual({
      latestVersion: 2,
      latest: { number: 2, title: 'Diagnostic préalable (révisé)' },
      versions: [
        { number: 2, attachments: [{ fileName: 'bilan 2025.pdf' }] },
        { number: 1, attachments: [{ fileName: 'bilan 2025.pdf' }] },
      ],
    });

    const url = `${server.url}${attached.data?.addAttachment.url}`;
    const asObserver = await fetch(url, { headers: { authorization: `Bearer ${observer}` } });
    expect(asObserver.status).toBe(200);
    expect(asObserver.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await asObserver.arrayBuffer()).equals(content)).toBe(true);
    expect((await fetch(url)).status).toBe(401);
    const otherBasin = await signInToken(server, 'operator@db.test', PASSWORD);
    expect((await fetch(url, { headers: { authorization: `Bearer ${otherBasin}` } })).status).toBe(404);
  });

  it('should refuse an oversize file and a stranger, writing nothing', async () => {
    const operator = await signInToken(server, 'operator@da.test', PASSWORD);
    const paper = await gql(
      server,
      `query($id: ID!) { project(id: $id) { diagnosis { latest { id } } } }`,
      { id: project.id },
      { token: operator },
    );
    const versionId = paper.data?.project.diagnosis.latest.id;
    const before = await server.orm.em.fork().count(Attachment);
    const big = await gql(
      server,
      ATTACH,
      {
        versionId,
        file: {
          fileName: 'big.pdf',
          mimeType: 'application/pdf',
          contentBase64: Buffer.alloc(2048, 1).toString('base64'),
        },
      },
      { token: operator },
    );
    expect(codeOf(big)).toBe('FILE_TOO_LARGE');
    expect(big.errors?.[0]?.extensions?.maxBytes).toBe(1024);
    const member = await signInToken(server, 'othermember@da.test', PASSWORD);
    const small = {
      fileName: 'note.txt',
      mimeType: 'text/plain',
      contentBase64: Buffer.from('hello').toString('base64'),
    };
    expect(codeOf(await gql(server, ATTACH, { versionId, file: small }, { token: member }))).toBe('FORBIDDEN');
    const outsider = await signInToken(server, 'operator@db.test', PASSWORD);
    expect(
      codeOf(await gql(server, SAVE, { projectId: project.id, input: { title: 'x', sections } }, { token: outsider })),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await gql(
          server,
          SAVE,
          { projectId: project.id, input: { title: 'Empty', sections: [] } },
          { token: operator },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await server.orm.em.fork().count(Attachment)).toBe(before);
  });
});
