import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { recordNativeWrites } from '../audit/audit.subscriber.js';
import { ConventionSignature, CooperationConvention } from './convention.entity.js';
import { fullySigned } from './convention-means.js';
import { renderConventionPdf } from './convention-pdf.js';

/**
 * Freezes a fully signed convention: renders it once more, the last time, and keeps the bytes and their SHA-256 on
 * the convention. Call it in the transaction that records a signature; it does nothing while a party has not signed,
 * or when the document is frozen already (a conditional update, so two last signatures landing together on
 * PostgreSQL freeze it once). Returns the SHA-256 when this call froze it.
 */
export async function freezeIfSigned(em: EntityManager, conventionId: string): Promise<string | null> {
  const convention = await em.findOneOrFail(CooperationConvention, conventionId, { refresh: true });
  if (convention.signedPdfSha256) return null;
  const signatures = await em.find(ConventionSignature, { convention }, { refresh: true });
  if (!fullySigned(signatures)) return null;
  const pdf = await renderConventionPdf(em, convention);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const frozenAt = new Date();
  const updated = await em.nativeUpdate(
    CooperationConvention,
    { id: convention.id, signedPdfSha256: null },
    { signedPdf: pdf, signedPdfSha256: sha256, frozenAt },
  );
  if (updated !== 1) return null;
  await recordNativeWrites(em, 'CooperationConvention', 'UPDATE', [
    {
      id: convention.id,
      before: { signedPdf: null, signedPdfSha256: null, frozenAt: null },
      after: { signedPdf: '[frozen]', signedPdfSha256: sha256, frozenAt },
    },
  ]);
  return sha256;
}

/**
 * The convention's PDF as it downloads: the frozen bytes once every party has signed (byte for byte the same at
 * each download), else rendered from the current data. A convention signed before freezing existed is frozen at its
 * first download.
 */
export async function conventionDocument(
  em: EntityManager,
  convention: CooperationConvention,
): Promise<{ pdf: Buffer; sha256: string | null }> {
  if (!convention.signedPdfSha256) {
    await em.transactional((tem) => freezeIfSigned(tem, convention.id));
  }
  const stored = await em.findOne(
    CooperationConvention,
    { id: convention.id, signedPdfSha256: { $ne: null } },
    { populate: ['signedPdf'], refresh: true },
  );
  if (stored?.signedPdf) return { pdf: Buffer.from(stored.signedPdf), sha256: stored.signedPdfSha256 ?? null };
  return { pdf: await renderConventionPdf(em, convention), sha256: null };
}
