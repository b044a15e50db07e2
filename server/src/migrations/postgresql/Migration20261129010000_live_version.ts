import { Migration } from '@mikro-orm/migrations';

/** The live version of each meeting: it grows with every committed change, so screens know what they missed. */
export class Migration20261129010000_live_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "meeting" add column "live_version" int not null default 0;`);
  }
}
