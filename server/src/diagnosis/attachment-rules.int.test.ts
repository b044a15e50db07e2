import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project } from '../project/project.entity.js';

/** What an attachment may be is told before the upload, and held to at the upload. */

const RULES = `{ attachmentRules { maxBytes acceptedTypes acceptedExtensions } }`;
const SAVE = `mutation($p: ID!, $input: DiagnosisVersionInput!) { saveDiagnosisVersion(projectId: $p, input: $input) { id } }`;
const ATTACH = `mutation($v: ID!, $f: AttachmentInput!) { addAttachment(versionId: $v, file: $f) { id mimeType } }`;

let server: TestServer;
let a: TestBasin;
let operator: string;
let versionId: string;

beforeAll(async () => {
  server = await startTestServer({ maxAttachmentBytes: 2048 });
  a = await createTestBasin(server.orm.em.fork(), 'rules-a');
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Pièces jointes',
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
  });
  await em.flush();
  operator = await signInToken(server, 'operator@rules-a.test', PASSWORD);
  const saved = await gql(
    server,
    SAVE,
    { p: project.id, input: { title: 'Diagnostic', sections: [{ heading: 'Entreprise', body: '' }] } },
    { token: operator },
  );
  versionId = saved.data?.saveDiagnosisVersion.id as string;
});
afterAll(() => server?.close());

describe('attachment rules', () => {
  it('should tell any signed-in person the size limit and the accepted types, and nobody signed out', async () => {
    const member = await signInToken(server, 'member@rules-a.test', PASSWORD);
    const rules = await gql(server, RULES, {}, { token: member });
    expect(rules.data?.attachmentRules.maxBytes).toBe(2048);
    expect(rules.data?.attachmentRules.acceptedTypes).toEqual(expect.arrayContaining(['application/pdf', 'image/png']));
    expect(rules.data?.attachmentRules.acceptedExtensions).toEqual(expect.arrayContaining(['.pdf', '.docx']));
    expect(codeOf(await gql(server, RULES))).toBe('UNAUTHENTICATED');
  });

  it('should refuse a type that is not accepted, naming those that are', async () => {
    const file = { fileName: 'page.html', mimeType: 'text/html', contentBase64: Buffer.from('<p>').toString('base64') };
    const refused = await gql(server, ATTACH, { v: versionId, f: file }, { token: operator });
    expect(codeOf(refused)).toBe('FILE_TYPE_NOT_ACCEPTED');
    expect(refused.errors?.[0]?.extensions?.acceptedTypes).toEqual(expect.arrayContaining(['application/pdf']));
  });

  it('should accept a type written in capitals, and refuse a file above the limit', async () => {
    const small = {
      fileName: 'plan.PDF',
      mimeType: 'Application/PDF',
      contentBase64: Buffer.from('%PDF').toString('base64'),
    };
    expect(
      (await gql(server, ATTACH, { v: versionId, f: small }, { token: operator })).data?.addAttachment,
    ).toMatchObject({
      mimeType: 'application/pdf',
    });
    const big = {
      fileName: 'big.pdf',
      mimeType: 'application/pdf',
      contentBase64: Buffer.alloc(4096).toString('base64'),
    };
    expect(codeOf(await gql(server, ATTACH, { v: versionId, f: big }, { token: operator }))).toBe('FILE_TOO_LARGE');
  });
});
