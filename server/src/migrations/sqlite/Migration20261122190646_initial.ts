import { Migration } from '@mikro-orm/migrations';

export class Migration20261122190646_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`basin\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`slug\` text not null, \`region\` text not null, \`advance_cap\` integer not null default 25000, \`quorum_basis\` text check (\`quorum_basis\` in ('ORGANISATION', 'MEMBER')) not null default 'ORGANISATION', \`quorum_percent\` integer not null default 50, \`majority_rule\` text check (\`majority_rule\` in ('SIMPLE', 'ABSOLUTE', 'TWO_THIRDS')) not null default 'SIMPLE', \`allow_vote_change\` integer not null default true, \`show_named_votes_live\` integer not null default false, \`max_proxies_per_member\` integer not null default 1, \`daily_rate\` double not null default 600, \`follow_up_cadence_months\` json not null, \`min_follow_up_months\` integer not null default 18, \`timezone\` text not null default 'Europe/Paris', primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`basin_slug_unique\` on \`basin\` (\`slug\`);`);

    this.addSql(
      `create table \`organisation\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`name\` text not null, \`kind\` text check (\`kind\` in ('OPERATOR', 'PARTNER_COMPANY', 'ASSOCIATED_PARTNER', 'COLLECTIVITY', 'STATE', 'CDC')) not null, \`town\` text null, \`sector\` text null, constraint \`organisation_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`organisation_basin_id_index\` on \`organisation\` (\`basin_id\`);`);

    this.addSql(
      `create table \`contribution\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`organisation_id\` text not null, \`year\` integer not null, \`amount\` integer not null, \`label\` text not null default '', constraint \`contribution_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`contribution_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`contribution_basin_id_index\` on \`contribution\` (\`basin_id\`);`);
    this.addSql(`create index \`contribution_organisation_id_index\` on \`contribution\` (\`organisation_id\`);`);
    this.addSql(`create index \`contribution_basin_idx\` on \`contribution\` (\`basin_id\`);`);

    this.addSql(
      `create table \`person\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`email\` text not null, \`first_name\` text not null, \`last_name\` text not null, \`title\` text null, \`password_hash\` text null, \`locale\` text not null default 'fr', \`is_network_head\` integer not null default false, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`person_email_unique\` on \`person\` (\`email\`);`);

    this.addSql(
      `create table \`membership\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`person_id\` text not null, \`basin_id\` text not null, \`role\` text check (\`role\` in ('OPERATOR', 'CHAIR', 'MEMBER', 'OBSERVER', 'SME')) not null, \`organisation_id\` text null, constraint \`membership_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, constraint \`membership_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`membership_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`membership_person_id_index\` on \`membership\` (\`person_id\`);`);
    this.addSql(`create index \`membership_basin_id_index\` on \`membership\` (\`basin_id\`);`);
    this.addSql(`create index \`membership_organisation_id_index\` on \`membership\` (\`organisation_id\`);`);
    this.addSql(
      `create unique index \`membership_person_id_basin_id_role_unique\` on \`membership\` (\`person_id\`, \`basin_id\`, \`role\`);`,
    );

    this.addSql(
      `create table \`invitation\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`token_hash\` text not null, \`person_id\` text not null, \`basin_id\` text not null, \`invited_by_id\` text not null, \`expires_at\` datetime not null, \`used_at\` datetime null, constraint \`invitation_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, constraint \`invitation_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`invitation_invited_by_id_foreign\` foreign key(\`invited_by_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`invitation_token_hash_unique\` on \`invitation\` (\`token_hash\`);`);
    this.addSql(`create index \`invitation_person_id_index\` on \`invitation\` (\`person_id\`);`);
    this.addSql(`create index \`invitation_basin_id_index\` on \`invitation\` (\`basin_id\`);`);
    this.addSql(`create index \`invitation_invited_by_id_index\` on \`invitation\` (\`invited_by_id\`);`);

    this.addSql(
      `create table \`calendar_feed\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`person_id\` text not null, \`token_hash\` text not null, \`last_used_at\` datetime null, constraint \`calendar_feed_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`calendar_feed_person_id_index\` on \`calendar_feed\` (\`person_id\`);`);
    this.addSql(`create unique index \`calendar_feed_token_hash_unique\` on \`calendar_feed\` (\`token_hash\`);`);
    this.addSql(`create unique index \`calendar_feed_person_id_unique\` on \`calendar_feed\` (\`person_id\`);`);

    this.addSql(
      `create table \`auth_session\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`token_hash\` text not null, \`person_id\` text not null, \`expires_at\` datetime not null, constraint \`auth_session_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`auth_session_token_hash_unique\` on \`auth_session\` (\`token_hash\`);`);
    this.addSql(`create index \`auth_session_person_id_index\` on \`auth_session\` (\`person_id\`);`);
    this.addSql(`create index \`auth_session_person_idx\` on \`auth_session\` (\`person_id\`);`);

    this.addSql(
      `create table \`reminder_log\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`subject_key\` text not null, \`day\` date not null, \`recipients\` integer not null default 0, constraint \`reminder_log_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`reminder_log_basin_id_index\` on \`reminder_log\` (\`basin_id\`);`);
    this.addSql(
      `create unique index \`reminder_log_subject_key_day_unique\` on \`reminder_log\` (\`subject_key\`, \`day\`);`,
    );

    this.addSql(
      `create table \`sme\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`siren\` text not null, \`name\` text not null, \`sector\` text not null, \`headcount\` integer not null, \`town\` text not null, \`leader_id\` text null, constraint \`sme_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`sme_leader_id_foreign\` foreign key(\`leader_id\`) references \`person\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`sme_basin_id_index\` on \`sme\` (\`basin_id\`);`);
    this.addSql(`create index \`sme_leader_id_index\` on \`sme\` (\`leader_id\`);`);
    this.addSql(`create unique index \`sme_basin_id_siren_unique\` on \`sme\` (\`basin_id\`, \`siren\`);`);

    this.addSql(
      `create table \`project\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`sme_id\` text not null, \`title\` text not null, \`summary\` text not null default '', \`kind\` text check (\`kind\` in ('DEVELOPMENT', 'TAKEOVER', 'STRUCTURING', 'CREATION')) not null default 'DEVELOPMENT', \`status\` text check (\`status\` in ('PRESCRIBED', 'DIAGNOSIS', 'SCHEDULED', 'APPROVED', 'REJECTED', 'DEFERRED', 'FOLLOW_UP', 'CLOSED')) not null default 'PRESCRIBED', \`prescriber_id\` text not null, \`prescriber_organisation_id\` text not null, \`mandatary_id\` text null, \`jobs_planned\` integer not null default 0, \`jobs_created\` integer not null default 0, \`jobs_preserved\` integer not null default 0, \`advance_requested\` integer not null default 0, \`decided_at\` datetime null, constraint \`project_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`project_sme_id_foreign\` foreign key(\`sme_id\`) references \`sme\`(\`id\`) on update cascade, constraint \`project_prescriber_id_foreign\` foreign key(\`prescriber_id\`) references \`person\`(\`id\`) on update cascade, constraint \`project_prescriber_organisation_id_foreign\` foreign key(\`prescriber_organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`project_mandatary_id_foreign\` foreign key(\`mandatary_id\`) references \`person\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`project_basin_id_index\` on \`project\` (\`basin_id\`);`);
    this.addSql(`create index \`project_sme_id_index\` on \`project\` (\`sme_id\`);`);
    this.addSql(`create index \`project_prescriber_id_index\` on \`project\` (\`prescriber_id\`);`);
    this.addSql(
      `create index \`project_prescriber_organisation_id_index\` on \`project\` (\`prescriber_organisation_id\`);`,
    );
    this.addSql(`create index \`project_mandatary_id_index\` on \`project\` (\`mandatary_id\`);`);
    this.addSql(`create index \`project_basin_idx\` on \`project\` (\`basin_id\`);`);

    this.addSql(
      `create table \`follow_up_report\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`project_id\` text not null, \`author_id\` text not null, \`months_after_decision\` integer not null, \`due_on\` date not null, \`submitted_at\` datetime null, \`hires_made\` integer not null default 0, \`jobs_preserved\` integer not null default 0, \`revenue\` integer null, \`difficulties\` text not null default '', \`new_intervention_request\` text null, \`delivered_days\` json not null, \`closing\` integer not null default false, constraint \`follow_up_report_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, constraint \`follow_up_report_author_id_foreign\` foreign key(\`author_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`follow_up_report_project_id_index\` on \`follow_up_report\` (\`project_id\`);`);
    this.addSql(`create index \`follow_up_report_author_id_index\` on \`follow_up_report\` (\`author_id\`);`);
    this.addSql(
      `create unique index \`follow_up_report_project_id_months_after_decision_unique\` on \`follow_up_report\` (\`project_id\`, \`months_after_decision\`);`,
    );

    this.addSql(
      `create table \`diagnosis_paper\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`project_id\` text not null, \`latest_version\` integer not null default 0, constraint \`diagnosis_paper_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`diagnosis_paper_project_id_index\` on \`diagnosis_paper\` (\`project_id\`);`);
    this.addSql(`create unique index \`diagnosis_paper_project_id_unique\` on \`diagnosis_paper\` (\`project_id\`);`);

    this.addSql(
      `create table \`diagnosis_paper_version\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`paper_id\` text not null, \`number\` integer not null, \`title\` text not null, \`change_note\` text not null default '', \`complementary\` integer not null default false, \`author_id\` text not null, constraint \`diagnosis_paper_version_paper_id_foreign\` foreign key(\`paper_id\`) references \`diagnosis_paper\`(\`id\`) on update cascade, constraint \`diagnosis_paper_version_author_id_foreign\` foreign key(\`author_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`diagnosis_paper_version_paper_id_index\` on \`diagnosis_paper_version\` (\`paper_id\`);`,
    );
    this.addSql(
      `create index \`diagnosis_paper_version_author_id_index\` on \`diagnosis_paper_version\` (\`author_id\`);`,
    );
    this.addSql(
      `create unique index \`diagnosis_paper_version_paper_id_number_unique\` on \`diagnosis_paper_version\` (\`paper_id\`, \`number\`);`,
    );

    this.addSql(
      `create table \`diagnosis_section\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version_id\` text not null, \`position\` integer not null, \`heading\` text not null, \`body\` text not null, constraint \`diagnosis_section_version_id_foreign\` foreign key(\`version_id\`) references \`diagnosis_paper_version\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`diagnosis_section_version_id_index\` on \`diagnosis_section\` (\`version_id\`);`);

    this.addSql(
      `create table \`attachment\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version_id\` text not null, \`file_name\` text not null, \`mime_type\` text not null, \`size\` integer not null, \`sha256\` text not null, \`storage_key\` text not null, constraint \`attachment_version_id_foreign\` foreign key(\`version_id\`) references \`diagnosis_paper_version\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`attachment_version_id_index\` on \`attachment\` (\`version_id\`);`);

    this.addSql(
      `create table \`competence_need\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`project_id\` text not null, \`position\` integer not null default 0, \`domain\` text check (\`domain\` in ('QUALITY', 'PRODUCTION', 'LEAN', 'HR', 'SALES_EXPORT', 'FINANCE', 'IT', 'MANAGEMENT', 'OTHER')) not null, \`profile\` text not null, \`estimated_days\` double not null, constraint \`competence_need_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`competence_need_project_id_index\` on \`competence_need\` (\`project_id\`);`);

    this.addSql(
      `create table \`meeting\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`title\` text not null, \`scheduled_at\` datetime not null, \`location\` text not null default '', \`status\` text check (\`status\` in ('PLANNED', 'CONVENED', 'OPEN', 'CLOSED')) not null default 'PLANNED', \`chair_id\` text null, \`opened_at\` datetime null, \`closed_at\` datetime null, \`current_item_id\` text null, constraint \`meeting_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`meeting_chair_id_foreign\` foreign key(\`chair_id\`) references \`person\`(\`id\`) on delete set null on update cascade, constraint \`meeting_current_item_id_foreign\` foreign key(\`current_item_id\`) references \`agenda_item\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`meeting_basin_id_index\` on \`meeting\` (\`basin_id\`);`);
    this.addSql(`create index \`meeting_chair_id_index\` on \`meeting\` (\`chair_id\`);`);
    this.addSql(`create index \`meeting_current_item_id_index\` on \`meeting\` (\`current_item_id\`);`);
    this.addSql(`create index \`meeting_basin_idx\` on \`meeting\` (\`basin_id\`);`);

    this.addSql(
      `create table \`hand_raise\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`meeting_id\` text not null, \`person_id\` text not null, \`raised_at\` datetime not null, \`lowered_at\` datetime null, constraint \`hand_raise_meeting_id_foreign\` foreign key(\`meeting_id\`) references \`meeting\`(\`id\`) on update cascade, constraint \`hand_raise_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`hand_raise_meeting_id_index\` on \`hand_raise\` (\`meeting_id\`);`);
    this.addSql(`create index \`hand_raise_person_id_index\` on \`hand_raise\` (\`person_id\`);`);

    this.addSql(
      `create table \`attendance\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`meeting_id\` text not null, \`person_id\` text not null, \`mode\` text check (\`mode\` in ('PRESENT', 'REMOTE', 'EXCUSED', 'REPRESENTED')) not null, \`proxy_holder_id\` text null, \`declared_at\` datetime null, constraint \`attendance_meeting_id_foreign\` foreign key(\`meeting_id\`) references \`meeting\`(\`id\`) on update cascade, constraint \`attendance_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, constraint \`attendance_proxy_holder_id_foreign\` foreign key(\`proxy_holder_id\`) references \`person\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`attendance_meeting_id_index\` on \`attendance\` (\`meeting_id\`);`);
    this.addSql(`create index \`attendance_person_id_index\` on \`attendance\` (\`person_id\`);`);
    this.addSql(`create index \`attendance_proxy_holder_id_index\` on \`attendance\` (\`proxy_holder_id\`);`);
    this.addSql(
      `create unique index \`attendance_meeting_id_person_id_unique\` on \`attendance\` (\`meeting_id\`, \`person_id\`);`,
    );

    this.addSql(
      `create table \`agenda_item\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`minutes_of_id\` text null, \`meeting_id\` text not null, \`position\` integer not null, \`kind\` text check (\`kind\` in ('PROJECT_EXAMINATION', 'FOLLOW_UP_REVIEW', 'INFORMATION', 'MINUTES_APPROVAL')) not null, \`title\` text not null, \`project_id\` text null, \`allotted_minutes\` integer not null default 20, \`status\` text check (\`status\` in ('PENDING', 'CURRENT', 'DONE', 'DEFERRED')) not null default 'PENDING', \`timer_started_at\` datetime null, \`elapsed_seconds\` integer not null default 0, \`deferral_reason\` text null, \`paper_version_id\` text null, constraint \`agenda_item_minutes_of_id_foreign\` foreign key(\`minutes_of_id\`) references \`meeting\`(\`id\`) on delete set null on update cascade, constraint \`agenda_item_meeting_id_foreign\` foreign key(\`meeting_id\`) references \`meeting\`(\`id\`) on update cascade, constraint \`agenda_item_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on delete set null on update cascade, constraint \`agenda_item_paper_version_id_foreign\` foreign key(\`paper_version_id\`) references \`diagnosis_paper_version\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`agenda_item_minutes_of_id_index\` on \`agenda_item\` (\`minutes_of_id\`);`);
    this.addSql(`create index \`agenda_item_meeting_id_index\` on \`agenda_item\` (\`meeting_id\`);`);
    this.addSql(`create index \`agenda_item_project_id_index\` on \`agenda_item\` (\`project_id\`);`);
    this.addSql(`create index \`agenda_item_paper_version_id_index\` on \`agenda_item\` (\`paper_version_id\`);`);

    this.addSql(
      `create table \`private_note\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`agenda_item_id\` text not null, \`author_id\` text not null, \`body\` text not null, constraint \`private_note_agenda_item_id_foreign\` foreign key(\`agenda_item_id\`) references \`agenda_item\`(\`id\`) on update cascade, constraint \`private_note_author_id_foreign\` foreign key(\`author_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`private_note_agenda_item_id_index\` on \`private_note\` (\`agenda_item_id\`);`);
    this.addSql(`create index \`private_note_author_id_index\` on \`private_note\` (\`author_id\`);`);
    this.addSql(
      `create unique index \`private_note_agenda_item_id_author_id_unique\` on \`private_note\` (\`agenda_item_id\`, \`author_id\`);`,
    );

    this.addSql(
      `create table \`pledge\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`project_id\` text not null, \`agenda_item_id\` text null, \`organisation_id\` text not null, \`need_id\` text null, \`domain\` text check (\`domain\` in ('QUALITY', 'PRODUCTION', 'LEAN', 'HR', 'SALES_EXPORT', 'FINANCE', 'IT', 'MANAGEMENT', 'OTHER')) not null, \`profile\` text not null, \`days\` double not null, \`period_start\` date null, \`period_end\` date null, \`expert_name\` text null, \`pledged_by_id\` text not null, \`days_delivered\` double not null default 0, \`withdrawn\` integer not null default false, constraint \`pledge_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, constraint \`pledge_agenda_item_id_foreign\` foreign key(\`agenda_item_id\`) references \`agenda_item\`(\`id\`) on delete set null on update cascade, constraint \`pledge_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`pledge_need_id_foreign\` foreign key(\`need_id\`) references \`competence_need\`(\`id\`) on delete set null on update cascade, constraint \`pledge_pledged_by_id_foreign\` foreign key(\`pledged_by_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`pledge_project_id_index\` on \`pledge\` (\`project_id\`);`);
    this.addSql(`create index \`pledge_agenda_item_id_index\` on \`pledge\` (\`agenda_item_id\`);`);
    this.addSql(`create index \`pledge_organisation_id_index\` on \`pledge\` (\`organisation_id\`);`);
    this.addSql(`create index \`pledge_need_id_index\` on \`pledge\` (\`need_id\`);`);
    this.addSql(`create index \`pledge_pledged_by_id_index\` on \`pledge\` (\`pledged_by_id\`);`);
    this.addSql(`create index \`pledge_project_idx\` on \`pledge\` (\`project_id\`);`);

    this.addSql(
      `create table \`conflict_of_interest\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`agenda_item_id\` text not null, \`person_id\` text not null, \`reason\` text not null default '', constraint \`conflict_of_interest_agenda_item_id_foreign\` foreign key(\`agenda_item_id\`) references \`agenda_item\`(\`id\`) on update cascade, constraint \`conflict_of_interest_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`conflict_of_interest_agenda_item_id_index\` on \`conflict_of_interest\` (\`agenda_item_id\`);`,
    );
    this.addSql(`create index \`conflict_of_interest_person_id_index\` on \`conflict_of_interest\` (\`person_id\`);`);
    this.addSql(
      `create unique index \`conflict_of_interest_agenda_item_id_person_id_unique\` on \`conflict_of_interest\` (\`agenda_item_id\`, \`person_id\`);`,
    );

    this.addSql(
      `create table \`ballot\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`agenda_item_id\` text not null, \`kind\` text check (\`kind\` in ('NAMED', 'SECRET')) not null, \`status\` text check (\`status\` in ('OPEN', 'CLOSED')) not null default 'OPEN', \`motion\` text not null, \`proposed_advance\` integer null, \`proposed_mandatary_id\` text null, \`majority_rule\` text check (\`majority_rule\` in ('SIMPLE', 'ABSOLUTE', 'TWO_THIRDS')) not null, \`allow_vote_change\` integer not null, \`electorate\` json not null, \`recused\` json not null, \`for_count\` integer not null default 0, \`against_count\` integer not null default 0, \`abstain_count\` integer not null default 0, \`result\` text check (\`result\` in ('ADOPTED', 'REJECTED')) null, \`opened_at\` datetime not null, \`closed_at\` datetime null, constraint \`ballot_agenda_item_id_foreign\` foreign key(\`agenda_item_id\`) references \`agenda_item\`(\`id\`) on update cascade, constraint \`ballot_proposed_mandatary_id_foreign\` foreign key(\`proposed_mandatary_id\`) references \`person\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`ballot_agenda_item_id_index\` on \`ballot\` (\`agenda_item_id\`);`);
    this.addSql(`create index \`ballot_proposed_mandatary_id_index\` on \`ballot\` (\`proposed_mandatary_id\`);`);
    this.addSql(`create index \`ballot_agenda_item_idx\` on \`ballot\` (\`agenda_item_id\`);`);

    this.addSql(
      `create table \`minutes\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`meeting_id\` text not null, \`status\` text check (\`status\` in ('DRAFT', 'APPROVED')) not null default 'DRAFT', \`content\` json not null, \`introduction\` text not null default '', \`item_notes\` json not null, \`other_business\` text not null default '', \`conclusion\` text not null default '', \`version\` integer not null default 1, \`updated_by_id\` text null, \`approved_at\` datetime null, \`approved_by_ballot_id\` text null, \`approved_in_meeting_id\` text null, constraint \`minutes_meeting_id_foreign\` foreign key(\`meeting_id\`) references \`meeting\`(\`id\`) on update cascade, constraint \`minutes_updated_by_id_foreign\` foreign key(\`updated_by_id\`) references \`person\`(\`id\`) on delete set null on update cascade, constraint \`minutes_approved_by_ballot_id_foreign\` foreign key(\`approved_by_ballot_id\`) references \`ballot\`(\`id\`) on delete set null on update cascade, constraint \`minutes_approved_in_meeting_id_foreign\` foreign key(\`approved_in_meeting_id\`) references \`meeting\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`minutes_meeting_id_index\` on \`minutes\` (\`meeting_id\`);`);
    this.addSql(`create index \`minutes_updated_by_id_index\` on \`minutes\` (\`updated_by_id\`);`);
    this.addSql(`create index \`minutes_approved_by_ballot_id_index\` on \`minutes\` (\`approved_by_ballot_id\`);`);
    this.addSql(`create index \`minutes_approved_in_meeting_id_index\` on \`minutes\` (\`approved_in_meeting_id\`);`);
    this.addSql(`create unique index \`minutes_meeting_id_unique\` on \`minutes\` (\`meeting_id\`);`);

    this.addSql(
      `create table \`decision\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`project_id\` text not null, \`agenda_item_id\` text null, \`ballot_id\` text null, \`outcome\` text check (\`outcome\` in ('APPROVED', 'REJECTED', 'DEFERRED')) not null, \`advance_amount\` integer not null default 0, \`mandatary_id\` text null, \`reasons\` text not null default '', \`trace\` json not null, \`recorded_by_id\` text not null, \`decided_at\` datetime not null, constraint \`decision_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, constraint \`decision_agenda_item_id_foreign\` foreign key(\`agenda_item_id\`) references \`agenda_item\`(\`id\`) on delete set null on update cascade, constraint \`decision_ballot_id_foreign\` foreign key(\`ballot_id\`) references \`ballot\`(\`id\`) on delete set null on update cascade, constraint \`decision_mandatary_id_foreign\` foreign key(\`mandatary_id\`) references \`person\`(\`id\`) on delete set null on update cascade, constraint \`decision_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`decision_project_id_index\` on \`decision\` (\`project_id\`);`);
    this.addSql(`create index \`decision_agenda_item_id_index\` on \`decision\` (\`agenda_item_id\`);`);
    this.addSql(`create index \`decision_ballot_id_index\` on \`decision\` (\`ballot_id\`);`);
    this.addSql(`create index \`decision_mandatary_id_index\` on \`decision\` (\`mandatary_id\`);`);
    this.addSql(`create index \`decision_recorded_by_id_index\` on \`decision\` (\`recorded_by_id\`);`);

    this.addSql(
      `create table \`cooperation_convention\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`project_id\` text not null, \`decision_id\` text not null, constraint \`cooperation_convention_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`cooperation_convention_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, constraint \`cooperation_convention_decision_id_foreign\` foreign key(\`decision_id\`) references \`decision\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`cooperation_convention_basin_id_index\` on \`cooperation_convention\` (\`basin_id\`);`);
    this.addSql(
      `create index \`cooperation_convention_project_id_index\` on \`cooperation_convention\` (\`project_id\`);`,
    );
    this.addSql(
      `create index \`cooperation_convention_decision_id_index\` on \`cooperation_convention\` (\`decision_id\`);`,
    );
    this.addSql(
      `create unique index \`cooperation_convention_project_id_unique\` on \`cooperation_convention\` (\`project_id\`);`,
    );

    this.addSql(
      `create table \`convention_signature\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`convention_id\` text not null, \`position\` integer not null, \`party\` text check (\`party\` in ('SME_LEADER', 'CHAIR', 'PARTNER_COMPANY', 'MANDATARY', 'OPERATOR')) not null, \`party_name\` text not null, \`capacity\` text not null, \`person_id\` text null, \`organisation_id\` text null, \`annex_only\` integer not null default false, \`status\` text check (\`status\` in ('PENDING', 'SIGNED')) not null default 'PENDING', \`signed_on\` date null, \`recorded_at\` datetime null, \`recorded_by_id\` text null, constraint \`convention_signature_convention_id_foreign\` foreign key(\`convention_id\`) references \`cooperation_convention\`(\`id\`) on update cascade, constraint \`convention_signature_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on delete set null on update cascade, constraint \`convention_signature_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on delete set null on update cascade, constraint \`convention_signature_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`person\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`convention_signature_convention_id_index\` on \`convention_signature\` (\`convention_id\`);`,
    );
    this.addSql(`create index \`convention_signature_person_id_index\` on \`convention_signature\` (\`person_id\`);`);
    this.addSql(
      `create index \`convention_signature_organisation_id_index\` on \`convention_signature\` (\`organisation_id\`);`,
    );
    this.addSql(
      `create index \`convention_signature_recorded_by_id_index\` on \`convention_signature\` (\`recorded_by_id\`);`,
    );
    this.addSql(
      `create unique index \`convention_signature_convention_id_position_unique\` on \`convention_signature\` (\`convention_id\`, \`position\`);`,
    );

    this.addSql(
      `create table \`ballot_participation\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`ballot_id\` text not null, \`voter_id\` text not null, \`cast_by_id\` text not null, \`idempotency_key\` text not null, \`choice\` text check (\`choice\` in ('FOR', 'AGAINST', 'ABSTAIN')) null, constraint \`ballot_participation_ballot_id_foreign\` foreign key(\`ballot_id\`) references \`ballot\`(\`id\`) on update cascade, constraint \`ballot_participation_voter_id_foreign\` foreign key(\`voter_id\`) references \`person\`(\`id\`) on update cascade, constraint \`ballot_participation_cast_by_id_foreign\` foreign key(\`cast_by_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`ballot_participation_ballot_id_index\` on \`ballot_participation\` (\`ballot_id\`);`);
    this.addSql(`create index \`ballot_participation_voter_id_index\` on \`ballot_participation\` (\`voter_id\`);`);
    this.addSql(`create index \`ballot_participation_cast_by_id_index\` on \`ballot_participation\` (\`cast_by_id\`);`);
    this.addSql(
      `create unique index \`ballot_participation_idempotency_key_unique\` on \`ballot_participation\` (\`idempotency_key\`);`,
    );
    this.addSql(
      `create unique index \`ballot_participation_ballot_id_voter_id_unique\` on \`ballot_participation\` (\`ballot_id\`, \`voter_id\`);`,
    );

    this.addSql(
      `create table \`advance\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`project_id\` text not null, \`decision_id\` text not null, \`amount\` integer not null, \`status\` text check (\`status\` in ('GRANTED', 'DISBURSED', 'REPAID', 'DEFAULTED')) not null default 'GRANTED', \`disbursed_on\` date null, \`deferral_months\` integer not null default 6, \`duration_months\` integer not null default 36, \`frequency\` text check (\`frequency\` in ('MONTHLY', 'QUARTERLY')) not null default 'MONTHLY', \`loss_amount\` integer not null default 0, constraint \`advance_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, constraint \`advance_decision_id_foreign\` foreign key(\`decision_id\`) references \`decision\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`advance_project_id_index\` on \`advance\` (\`project_id\`);`);
    this.addSql(`create index \`advance_decision_id_index\` on \`advance\` (\`decision_id\`);`);

    this.addSql(
      `create table \`repayment_instalment\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`advance_id\` text not null, \`number\` integer not null, \`due_on\` date not null, \`amount\` integer not null, \`paid_amount\` integer not null default 0, \`paid_on\` date null, constraint \`repayment_instalment_advance_id_foreign\` foreign key(\`advance_id\`) references \`advance\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`repayment_instalment_advance_id_index\` on \`repayment_instalment\` (\`advance_id\`);`);
    this.addSql(
      `create unique index \`repayment_instalment_advance_id_number_unique\` on \`repayment_instalment\` (\`advance_id\`, \`number\`);`,
    );

    this.addSql(
      `create table \`repayment\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`advance_id\` text not null, \`paid_on\` date not null, \`amount\` integer not null, \`recorded_by_id\` text not null, constraint \`repayment_advance_id_foreign\` foreign key(\`advance_id\`) references \`advance\`(\`id\`) on update cascade, constraint \`repayment_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`repayment_advance_id_index\` on \`repayment\` (\`advance_id\`);`);
    this.addSql(`create index \`repayment_recorded_by_id_index\` on \`repayment\` (\`recorded_by_id\`);`);

    this.addSql(
      `create table \`stored_file\` (\`key\` text not null, \`content\` blob not null, \`created_at\` datetime not null, primary key (\`key\`));`,
    );

    this.addSql(
      `create table \`triennial_convention\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`label\` text not null, \`starts_on\` date not null, \`ends_on\` date not null, \`target_jobs_per_year\` integer not null default 75, \`target_projects_examined_per_year\` integer not null default 15, \`target_projects_approved_per_year\` integer not null default 12, \`target_budget\` integer not null default 900000, \`share_companies\` double not null default 40, \`share_territorial_actors\` double not null default 20, \`share_collectivities\` double not null default 25, \`share_state_and_cdc\` double not null default 15, \`advances_fund_endowment\` integer not null default 0, \`advances_fund_target\` integer not null default 400000, constraint \`triennial_convention_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`triennial_convention_basin_id_index\` on \`triennial_convention\` (\`basin_id\`);`);
  }
}
