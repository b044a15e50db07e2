import { Migration } from '@mikro-orm/migrations';

/** Two roles: the vice-chair, who presides when the chair is absent, and the expert of a complementary diagnosis. */
export class Migration20261130000000_roles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "membership" drop constraint if exists "membership_role_check";`);
    this.addSql(
      `alter table "membership" add constraint "membership_role_check" check ("role" in ('OPERATOR', 'CHAIR', 'VICE_CHAIR', 'MEMBER', 'OBSERVER', 'SME', 'EXPERT'));`,
    );
  }
}
