import { Migration } from '@mikro-orm/migrations';

/** Official documents: a person's civility (titles agreed in gender), and a signed convention frozen with its hash. */
export class Migration20261202010000_official extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`person\` add column \`civility\` text check (\`civility\` in ('MADAME', 'MONSIEUR')) null;`);
    this.addSql(`alter table \`cooperation_convention\` add column \`signed_pdf\` blob null;`);
    this.addSql(`alter table \`cooperation_convention\` add column \`signed_pdf_sha256\` text null;`);
    this.addSql(`alter table \`cooperation_convention\` add column \`frozen_at\` datetime null;`);
  }
}
