/**
 * The files a diagnosis paper takes: documents and pictures an operator, a prescriber or an expert attaches to a
 * paper (financial statements, plans, photographs, spreadsheets). Anything else — an executable, a web page, an
 * archive whose content nobody checks — is refused, not only downloaded: the committee opens these files.
 */
export const ACCEPTED_ATTACHMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'text/plain': ['.txt'],
  'text/csv': ['.csv'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/msword': ['.doc'],
  'application/vnd.ms-excel': ['.xls'],
};

export const isAcceptedAttachmentType = (mimeType: string): boolean =>
  Object.hasOwn(ACCEPTED_ATTACHMENT_TYPES, mimeType.toLowerCase());
