import { Migration } from '@mikro-orm/migrations';

/** The network's breakdown by sector: an SME's activity code (NAF rév. 2). */
export class Migration20261201030000_network extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`sme\` add column \`naf_code\` text null;`);
  }
}
