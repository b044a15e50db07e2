import { Migration } from '@mikro-orm/migrations';

export class Migration20261122190646_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "basin" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "slug" varchar(255) not null, "region" varchar(255) not null, "advance_cap" int not null default 25000, "quorum_basis" text check ("quorum_basis" in ('ORGANISATION', 'MEMBER')) not null default 'ORGANISATION', "quorum_percent" int not null default 50, "majority_rule" text check ("majority_rule" in ('SIMPLE', 'ABSOLUTE', 'TWO_THIRDS')) not null default 'SIMPLE', "allow_vote_change" boolean not null default true, "show_named_votes_live" boolean not null default false, "max_proxies_per_member" int not null default 1, "daily_rate" double precision not null default 600, "follow_up_cadence_months" jsonb not null, "min_follow_up_months" int not null default 18, "timezone" varchar(255) not null default 'Europe/Paris', constraint "basin_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "basin" add constraint "basin_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "organisation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "name" varchar(255) not null, "kind" text check ("kind" in ('OPERATOR', 'PARTNER_COMPANY', 'ASSOCIATED_PARTNER', 'COLLECTIVITY', 'STATE', 'CDC')) not null, "town" varchar(255) null, "sector" varchar(255) null, constraint "organisation_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "contribution" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "organisation_id" uuid not null, "year" int not null, "amount" int not null, "label" varchar(255) not null default '', constraint "contribution_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "contribution_basin_idx" on "contribution" ("basin_id");`);

    this.addSql(
      `create table "person" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(255) not null, "first_name" varchar(255) not null, "last_name" varchar(255) not null, "title" varchar(255) null, "password_hash" varchar(255) null, "locale" varchar(255) not null default 'fr', "is_network_head" boolean not null default false, constraint "person_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "person" add constraint "person_email_unique" unique ("email");`);

    this.addSql(
      `create table "membership" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "person_id" uuid not null, "basin_id" uuid not null, "role" text check ("role" in ('OPERATOR', 'CHAIR', 'MEMBER', 'OBSERVER', 'SME')) not null, "organisation_id" uuid null, constraint "membership_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_person_id_basin_id_role_unique" unique ("person_id", "basin_id", "role");`,
    );

    this.addSql(
      `create table "invitation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "token_hash" varchar(255) not null, "person_id" uuid not null, "basin_id" uuid not null, "invited_by_id" uuid not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "invitation_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "invitation" add constraint "invitation_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "calendar_feed" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "person_id" uuid not null, "token_hash" varchar(255) not null, "last_used_at" timestamptz null, constraint "calendar_feed_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "calendar_feed" add constraint "calendar_feed_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "calendar_feed" add constraint "calendar_feed_person_id_unique" unique ("person_id");`);

    this.addSql(
      `create table "auth_session" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "token_hash" varchar(255) not null, "person_id" uuid not null, "expires_at" timestamptz not null, constraint "auth_session_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "auth_session" add constraint "auth_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "auth_session_person_idx" on "auth_session" ("person_id");`);

    this.addSql(
      `create table "reminder_log" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "subject_key" varchar(255) not null, "day" date not null, "recipients" int not null default 0, constraint "reminder_log_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "reminder_log" add constraint "reminder_log_subject_key_day_unique" unique ("subject_key", "day");`,
    );

    this.addSql(
      `create table "sme" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "siren" varchar(255) not null, "name" varchar(255) not null, "sector" varchar(255) not null, "headcount" int not null, "town" varchar(255) not null, "leader_id" uuid null, constraint "sme_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "sme" add constraint "sme_basin_id_siren_unique" unique ("basin_id", "siren");`);

    this.addSql(
      `create table "project" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "sme_id" uuid not null, "title" varchar(255) not null, "summary" text not null default '', "kind" text check ("kind" in ('DEVELOPMENT', 'TAKEOVER', 'STRUCTURING', 'CREATION')) not null default 'DEVELOPMENT', "status" text check ("status" in ('PRESCRIBED', 'DIAGNOSIS', 'SCHEDULED', 'APPROVED', 'REJECTED', 'DEFERRED', 'FOLLOW_UP', 'CLOSED')) not null default 'PRESCRIBED', "prescriber_id" uuid not null, "prescriber_organisation_id" uuid not null, "mandatary_id" uuid null, "jobs_planned" int not null default 0, "jobs_created" int not null default 0, "jobs_preserved" int not null default 0, "advance_requested" int not null default 0, "decided_at" timestamptz null, constraint "project_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "project_basin_idx" on "project" ("basin_id");`);

    this.addSql(
      `create table "follow_up_report" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "author_id" uuid not null, "months_after_decision" int not null, "due_on" date not null, "submitted_at" timestamptz null, "hires_made" int not null default 0, "jobs_preserved" int not null default 0, "revenue" int null, "difficulties" text not null default '', "new_intervention_request" text null, "delivered_days" jsonb not null, "closing" boolean not null default false, constraint "follow_up_report_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "follow_up_report" add constraint "follow_up_report_project_id_months_after_decision_unique" unique ("project_id", "months_after_decision");`,
    );

    this.addSql(
      `create table "diagnosis_paper" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "latest_version" int not null default 0, constraint "diagnosis_paper_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "diagnosis_paper" add constraint "diagnosis_paper_project_id_unique" unique ("project_id");`,
    );

    this.addSql(
      `create table "diagnosis_paper_version" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "paper_id" uuid not null, "number" int not null, "title" varchar(255) not null, "change_note" varchar(255) not null default '', "complementary" boolean not null default false, "author_id" uuid not null, constraint "diagnosis_paper_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "diagnosis_paper_version" add constraint "diagnosis_paper_version_paper_id_number_unique" unique ("paper_id", "number");`,
    );

    this.addSql(
      `create table "diagnosis_section" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version_id" uuid not null, "position" int not null, "heading" varchar(255) not null, "body" text not null, constraint "diagnosis_section_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "attachment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version_id" uuid not null, "file_name" varchar(255) not null, "mime_type" varchar(255) not null, "size" int not null, "sha256" varchar(255) not null, "storage_key" varchar(255) not null, constraint "attachment_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "competence_need" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "position" int not null default 0, "domain" text check ("domain" in ('QUALITY', 'PRODUCTION', 'LEAN', 'HR', 'SALES_EXPORT', 'FINANCE', 'IT', 'MANAGEMENT', 'OTHER')) not null, "profile" varchar(255) not null, "estimated_days" double precision not null, constraint "competence_need_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "meeting" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "title" varchar(255) not null, "scheduled_at" timestamptz not null, "location" varchar(255) not null default '', "status" text check ("status" in ('PLANNED', 'CONVENED', 'OPEN', 'CLOSED')) not null default 'PLANNED', "chair_id" uuid null, "opened_at" timestamptz null, "closed_at" timestamptz null, "current_item_id" uuid null, constraint "meeting_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "meeting_basin_idx" on "meeting" ("basin_id");`);

    this.addSql(
      `create table "hand_raise" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "meeting_id" uuid not null, "person_id" uuid not null, "raised_at" timestamptz not null, "lowered_at" timestamptz null, constraint "hand_raise_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "attendance" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "meeting_id" uuid not null, "person_id" uuid not null, "mode" text check ("mode" in ('PRESENT', 'REMOTE', 'EXCUSED', 'REPRESENTED')) not null, "proxy_holder_id" uuid null, "declared_at" timestamptz null, constraint "attendance_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "attendance" add constraint "attendance_meeting_id_person_id_unique" unique ("meeting_id", "person_id");`,
    );

    this.addSql(
      `create table "agenda_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "minutes_of_id" uuid null, "meeting_id" uuid not null, "position" int not null, "kind" text check ("kind" in ('PROJECT_EXAMINATION', 'FOLLOW_UP_REVIEW', 'INFORMATION', 'MINUTES_APPROVAL')) not null, "title" varchar(255) not null, "project_id" uuid null, "allotted_minutes" int not null default 20, "status" text check ("status" in ('PENDING', 'CURRENT', 'DONE', 'DEFERRED')) not null default 'PENDING', "timer_started_at" timestamptz null, "elapsed_seconds" int not null default 0, "deferral_reason" varchar(255) null, "paper_version_id" uuid null, constraint "agenda_item_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "private_note" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "agenda_item_id" uuid not null, "author_id" uuid not null, "body" text not null, constraint "private_note_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "private_note" add constraint "private_note_agenda_item_id_author_id_unique" unique ("agenda_item_id", "author_id");`,
    );

    this.addSql(
      `create table "pledge" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "agenda_item_id" uuid null, "organisation_id" uuid not null, "need_id" uuid null, "domain" text check ("domain" in ('QUALITY', 'PRODUCTION', 'LEAN', 'HR', 'SALES_EXPORT', 'FINANCE', 'IT', 'MANAGEMENT', 'OTHER')) not null, "profile" varchar(255) not null, "days" double precision not null, "period_start" date null, "period_end" date null, "expert_name" varchar(255) null, "pledged_by_id" uuid not null, "days_delivered" double precision not null default 0, "withdrawn" boolean not null default false, constraint "pledge_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "pledge_project_idx" on "pledge" ("project_id");`);

    this.addSql(
      `create table "conflict_of_interest" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "agenda_item_id" uuid not null, "person_id" uuid not null, "reason" varchar(255) not null default '', constraint "conflict_of_interest_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "conflict_of_interest" add constraint "conflict_of_interest_agenda_item_id_person_id_unique" unique ("agenda_item_id", "person_id");`,
    );

    this.addSql(
      `create table "ballot" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "agenda_item_id" uuid not null, "kind" text check ("kind" in ('NAMED', 'SECRET')) not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "motion" text not null, "proposed_advance" int null, "proposed_mandatary_id" uuid null, "majority_rule" text check ("majority_rule" in ('SIMPLE', 'ABSOLUTE', 'TWO_THIRDS')) not null, "allow_vote_change" boolean not null, "electorate" jsonb not null, "recused" jsonb not null, "for_count" int not null default 0, "against_count" int not null default 0, "abstain_count" int not null default 0, "result" text check ("result" in ('ADOPTED', 'REJECTED')) null, "opened_at" timestamptz not null, "closed_at" timestamptz null, constraint "ballot_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "ballot_agenda_item_idx" on "ballot" ("agenda_item_id");`);

    this.addSql(
      `create table "minutes" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "meeting_id" uuid not null, "status" text check ("status" in ('DRAFT', 'APPROVED')) not null default 'DRAFT', "content" jsonb not null, "introduction" text not null default '', "item_notes" jsonb not null, "other_business" text not null default '', "conclusion" text not null default '', "version" int not null default 1, "updated_by_id" uuid null, "approved_at" timestamptz null, "approved_by_ballot_id" uuid null, "approved_in_meeting_id" uuid null, constraint "minutes_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "minutes" add constraint "minutes_meeting_id_unique" unique ("meeting_id");`);

    this.addSql(
      `create table "decision" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "agenda_item_id" uuid null, "ballot_id" uuid null, "outcome" text check ("outcome" in ('APPROVED', 'REJECTED', 'DEFERRED')) not null, "advance_amount" int not null default 0, "mandatary_id" uuid null, "reasons" text not null default '', "trace" jsonb not null, "recorded_by_id" uuid not null, "decided_at" timestamptz not null, constraint "decision_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "cooperation_convention" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "project_id" uuid not null, "decision_id" uuid not null, constraint "cooperation_convention_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "cooperation_convention" add constraint "cooperation_convention_project_id_unique" unique ("project_id");`,
    );

    this.addSql(
      `create table "convention_signature" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "convention_id" uuid not null, "position" int not null, "party" text check ("party" in ('SME_LEADER', 'CHAIR', 'PARTNER_COMPANY', 'MANDATARY', 'OPERATOR')) not null, "party_name" varchar(255) not null, "capacity" varchar(255) not null, "person_id" uuid null, "organisation_id" uuid null, "annex_only" boolean not null default false, "status" text check ("status" in ('PENDING', 'SIGNED')) not null default 'PENDING', "signed_on" date null, "recorded_at" timestamptz null, "recorded_by_id" uuid null, constraint "convention_signature_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "convention_signature" add constraint "convention_signature_convention_id_position_unique" unique ("convention_id", "position");`,
    );

    this.addSql(
      `create table "ballot_participation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "ballot_id" uuid not null, "voter_id" uuid not null, "cast_by_id" uuid not null, "idempotency_key" varchar(255) not null, "choice" text check ("choice" in ('FOR', 'AGAINST', 'ABSTAIN')) null, constraint "ballot_participation_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "ballot_participation" add constraint "ballot_participation_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `alter table "ballot_participation" add constraint "ballot_participation_ballot_id_voter_id_unique" unique ("ballot_id", "voter_id");`,
    );

    this.addSql(
      `create table "advance" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "decision_id" uuid not null, "amount" int not null, "status" text check ("status" in ('GRANTED', 'DISBURSED', 'REPAID', 'DEFAULTED')) not null default 'GRANTED', "disbursed_on" date null, "deferral_months" int not null default 6, "duration_months" int not null default 36, "frequency" text check ("frequency" in ('MONTHLY', 'QUARTERLY')) not null default 'MONTHLY', "loss_amount" int not null default 0, constraint "advance_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "repayment_instalment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "advance_id" uuid not null, "number" int not null, "due_on" date not null, "amount" int not null, "paid_amount" int not null default 0, "paid_on" date null, constraint "repayment_instalment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "repayment_instalment" add constraint "repayment_instalment_advance_id_number_unique" unique ("advance_id", "number");`,
    );

    this.addSql(
      `create table "repayment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "advance_id" uuid not null, "paid_on" date not null, "amount" int not null, "recorded_by_id" uuid not null, constraint "repayment_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "stored_file" ("key" varchar(255) not null, "content" bytea not null, "created_at" timestamptz not null, constraint "stored_file_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "triennial_convention" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "label" varchar(255) not null, "starts_on" date not null, "ends_on" date not null, "target_jobs_per_year" int not null default 75, "target_projects_examined_per_year" int not null default 15, "target_projects_approved_per_year" int not null default 12, "target_budget" int not null default 900000, "share_companies" double precision not null default 40, "share_territorial_actors" double precision not null default 20, "share_collectivities" double precision not null default 25, "share_state_and_cdc" double precision not null default 15, "advances_fund_endowment" int not null default 0, "advances_fund_target" int not null default 400000, constraint "triennial_convention_pkey" primary key ("id"));`,
    );

    this.addSql(
      `alter table "organisation" add constraint "organisation_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "contribution" add constraint "contribution_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "contribution" add constraint "contribution_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "membership" add constraint "membership_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "invitation" add constraint "invitation_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "invitation" add constraint "invitation_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "invitation" add constraint "invitation_invited_by_id_foreign" foreign key ("invited_by_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "calendar_feed" add constraint "calendar_feed_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "auth_session" add constraint "auth_session_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "reminder_log" add constraint "reminder_log_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "sme" add constraint "sme_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "sme" add constraint "sme_leader_id_foreign" foreign key ("leader_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "project" add constraint "project_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_sme_id_foreign" foreign key ("sme_id") references "sme" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_prescriber_id_foreign" foreign key ("prescriber_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_prescriber_organisation_id_foreign" foreign key ("prescriber_organisation_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "project" add constraint "project_mandatary_id_foreign" foreign key ("mandatary_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "follow_up_report" add constraint "follow_up_report_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "follow_up_report" add constraint "follow_up_report_author_id_foreign" foreign key ("author_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "diagnosis_paper" add constraint "diagnosis_paper_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "diagnosis_paper_version" add constraint "diagnosis_paper_version_paper_id_foreign" foreign key ("paper_id") references "diagnosis_paper" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "diagnosis_paper_version" add constraint "diagnosis_paper_version_author_id_foreign" foreign key ("author_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "diagnosis_section" add constraint "diagnosis_section_version_id_foreign" foreign key ("version_id") references "diagnosis_paper_version" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "attachment" add constraint "attachment_version_id_foreign" foreign key ("version_id") references "diagnosis_paper_version" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "competence_need" add constraint "competence_need_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "meeting" add constraint "meeting_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_chair_id_foreign" foreign key ("chair_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_current_item_id_foreign" foreign key ("current_item_id") references "agenda_item" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "hand_raise" add constraint "hand_raise_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "hand_raise" add constraint "hand_raise_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "attendance" add constraint "attendance_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "attendance" add constraint "attendance_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "attendance" add constraint "attendance_proxy_holder_id_foreign" foreign key ("proxy_holder_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_minutes_of_id_foreign" foreign key ("minutes_of_id") references "meeting" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_paper_version_id_foreign" foreign key ("paper_version_id") references "diagnosis_paper_version" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "private_note" add constraint "private_note_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "private_note" add constraint "private_note_author_id_foreign" foreign key ("author_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "pledge" add constraint "pledge_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_need_id_foreign" foreign key ("need_id") references "competence_need" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_pledged_by_id_foreign" foreign key ("pledged_by_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "conflict_of_interest" add constraint "conflict_of_interest_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "conflict_of_interest" add constraint "conflict_of_interest_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "ballot" add constraint "ballot_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ballot" add constraint "ballot_proposed_mandatary_id_foreign" foreign key ("proposed_mandatary_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "minutes" add constraint "minutes_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "minutes" add constraint "minutes_updated_by_id_foreign" foreign key ("updated_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "minutes" add constraint "minutes_approved_by_ballot_id_foreign" foreign key ("approved_by_ballot_id") references "ballot" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "minutes" add constraint "minutes_approved_in_meeting_id_foreign" foreign key ("approved_in_meeting_id") references "meeting" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "decision" add constraint "decision_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_ballot_id_foreign" foreign key ("ballot_id") references "ballot" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_mandatary_id_foreign" foreign key ("mandatary_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_recorded_by_id_foreign" foreign key ("recorded_by_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "cooperation_convention" add constraint "cooperation_convention_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "cooperation_convention" add constraint "cooperation_convention_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "cooperation_convention" add constraint "cooperation_convention_decision_id_foreign" foreign key ("decision_id") references "decision" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "convention_signature" add constraint "convention_signature_convention_id_foreign" foreign key ("convention_id") references "cooperation_convention" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "convention_signature" add constraint "convention_signature_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "convention_signature" add constraint "convention_signature_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "convention_signature" add constraint "convention_signature_recorded_by_id_foreign" foreign key ("recorded_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "ballot_participation" add constraint "ballot_participation_ballot_id_foreign" foreign key ("ballot_id") references "ballot" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ballot_participation" add constraint "ballot_participation_voter_id_foreign" foreign key ("voter_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ballot_participation" add constraint "ballot_participation_cast_by_id_foreign" foreign key ("cast_by_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "advance" add constraint "advance_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "advance" add constraint "advance_decision_id_foreign" foreign key ("decision_id") references "decision" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "repayment_instalment" add constraint "repayment_instalment_advance_id_foreign" foreign key ("advance_id") references "advance" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "repayment" add constraint "repayment_advance_id_foreign" foreign key ("advance_id") references "advance" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "repayment" add constraint "repayment_recorded_by_id_foreign" foreign key ("recorded_by_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "triennial_convention" add constraint "triennial_convention_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organisation" drop constraint "organisation_basin_id_foreign";`);

    this.addSql(`alter table "contribution" drop constraint "contribution_basin_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_basin_id_foreign";`);

    this.addSql(`alter table "invitation" drop constraint "invitation_basin_id_foreign";`);

    this.addSql(`alter table "reminder_log" drop constraint "reminder_log_basin_id_foreign";`);

    this.addSql(`alter table "sme" drop constraint "sme_basin_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_basin_id_foreign";`);

    this.addSql(`alter table "meeting" drop constraint "meeting_basin_id_foreign";`);

    this.addSql(`alter table "cooperation_convention" drop constraint "cooperation_convention_basin_id_foreign";`);

    this.addSql(`alter table "triennial_convention" drop constraint "triennial_convention_basin_id_foreign";`);

    this.addSql(`alter table "contribution" drop constraint "contribution_organisation_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_organisation_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_prescriber_organisation_id_foreign";`);

    this.addSql(`alter table "pledge" drop constraint "pledge_organisation_id_foreign";`);

    this.addSql(`alter table "convention_signature" drop constraint "convention_signature_organisation_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_person_id_foreign";`);

    this.addSql(`alter table "invitation" drop constraint "invitation_person_id_foreign";`);

    this.addSql(`alter table "invitation" drop constraint "invitation_invited_by_id_foreign";`);

    this.addSql(`alter table "calendar_feed" drop constraint "calendar_feed_person_id_foreign";`);

    this.addSql(`alter table "auth_session" drop constraint "auth_session_person_id_foreign";`);

    this.addSql(`alter table "sme" drop constraint "sme_leader_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_prescriber_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_mandatary_id_foreign";`);

    this.addSql(`alter table "follow_up_report" drop constraint "follow_up_report_author_id_foreign";`);

    this.addSql(`alter table "diagnosis_paper_version" drop constraint "diagnosis_paper_version_author_id_foreign";`);

    this.addSql(`alter table "meeting" drop constraint "meeting_chair_id_foreign";`);

    this.addSql(`alter table "hand_raise" drop constraint "hand_raise_person_id_foreign";`);

    this.addSql(`alter table "attendance" drop constraint "attendance_person_id_foreign";`);

    this.addSql(`alter table "attendance" drop constraint "attendance_proxy_holder_id_foreign";`);

    this.addSql(`alter table "private_note" drop constraint "private_note_author_id_foreign";`);

    this.addSql(`alter table "pledge" drop constraint "pledge_pledged_by_id_foreign";`);

    this.addSql(`alter table "conflict_of_interest" drop constraint "conflict_of_interest_person_id_foreign";`);

    this.addSql(`alter table "ballot" drop constraint "ballot_proposed_mandatary_id_foreign";`);

    this.addSql(`alter table "minutes" drop constraint "minutes_updated_by_id_foreign";`);

    this.addSql(`alter table "decision" drop constraint "decision_mandatary_id_foreign";`);

    this.addSql(`alter table "decision" drop constraint "decision_recorded_by_id_foreign";`);

    this.addSql(`alter table "convention_signature" drop constraint "convention_signature_person_id_foreign";`);

    this.addSql(`alter table "convention_signature" drop constraint "convention_signature_recorded_by_id_foreign";`);

    this.addSql(`alter table "ballot_participation" drop constraint "ballot_participation_voter_id_foreign";`);

    this.addSql(`alter table "ballot_participation" drop constraint "ballot_participation_cast_by_id_foreign";`);

    this.addSql(`alter table "repayment" drop constraint "repayment_recorded_by_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_sme_id_foreign";`);

    this.addSql(`alter table "follow_up_report" drop constraint "follow_up_report_project_id_foreign";`);

    this.addSql(`alter table "diagnosis_paper" drop constraint "diagnosis_paper_project_id_foreign";`);

    this.addSql(`alter table "competence_need" drop constraint "competence_need_project_id_foreign";`);

    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_project_id_foreign";`);

    this.addSql(`alter table "pledge" drop constraint "pledge_project_id_foreign";`);

    this.addSql(`alter table "decision" drop constraint "decision_project_id_foreign";`);

    this.addSql(`alter table "cooperation_convention" drop constraint "cooperation_convention_project_id_foreign";`);

    this.addSql(`alter table "advance" drop constraint "advance_project_id_foreign";`);

    this.addSql(`alter table "diagnosis_paper_version" drop constraint "diagnosis_paper_version_paper_id_foreign";`);

    this.addSql(`alter table "diagnosis_section" drop constraint "diagnosis_section_version_id_foreign";`);

    this.addSql(`alter table "attachment" drop constraint "attachment_version_id_foreign";`);

    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_paper_version_id_foreign";`);

    this.addSql(`alter table "pledge" drop constraint "pledge_need_id_foreign";`);

    this.addSql(`alter table "hand_raise" drop constraint "hand_raise_meeting_id_foreign";`);

    this.addSql(`alter table "attendance" drop constraint "attendance_meeting_id_foreign";`);

    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_minutes_of_id_foreign";`);

    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_meeting_id_foreign";`);

    this.addSql(`alter table "minutes" drop constraint "minutes_meeting_id_foreign";`);

    this.addSql(`alter table "minutes" drop constraint "minutes_approved_in_meeting_id_foreign";`);

    this.addSql(`alter table "meeting" drop constraint "meeting_current_item_id_foreign";`);

    this.addSql(`alter table "private_note" drop constraint "private_note_agenda_item_id_foreign";`);

    this.addSql(`alter table "pledge" drop constraint "pledge_agenda_item_id_foreign";`);

    this.addSql(`alter table "conflict_of_interest" drop constraint "conflict_of_interest_agenda_item_id_foreign";`);

    this.addSql(`alter table "ballot" drop constraint "ballot_agenda_item_id_foreign";`);

    this.addSql(`alter table "decision" drop constraint "decision_agenda_item_id_foreign";`);

    this.addSql(`alter table "minutes" drop constraint "minutes_approved_by_ballot_id_foreign";`);

    this.addSql(`alter table "decision" drop constraint "decision_ballot_id_foreign";`);

    this.addSql(`alter table "ballot_participation" drop constraint "ballot_participation_ballot_id_foreign";`);

    this.addSql(`alter table "cooperation_convention" drop constraint "cooperation_convention_decision_id_foreign";`);

    this.addSql(`alter table "advance" drop constraint "advance_decision_id_foreign";`);

    this.addSql(`alter table "convention_signature" drop constraint "convention_signature_convention_id_foreign";`);

    this.addSql(`alter table "repayment_instalment" drop constraint "repayment_instalment_advance_id_foreign";`);

    this.addSql(`alter table "repayment" drop constraint "repayment_advance_id_foreign";`);

    this.addSql(`drop table if exists "basin" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "contribution" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "membership" cascade;`);

    this.addSql(`drop table if exists "invitation" cascade;`);

    this.addSql(`drop table if exists "calendar_feed" cascade;`);

    this.addSql(`drop table if exists "auth_session" cascade;`);

    this.addSql(`drop table if exists "reminder_log" cascade;`);

    this.addSql(`drop table if exists "sme" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "follow_up_report" cascade;`);

    this.addSql(`drop table if exists "diagnosis_paper" cascade;`);

    this.addSql(`drop table if exists "diagnosis_paper_version" cascade;`);

    this.addSql(`drop table if exists "diagnosis_section" cascade;`);

    this.addSql(`drop table if exists "attachment" cascade;`);

    this.addSql(`drop table if exists "competence_need" cascade;`);

    this.addSql(`drop table if exists "meeting" cascade;`);

    this.addSql(`drop table if exists "hand_raise" cascade;`);

    this.addSql(`drop table if exists "attendance" cascade;`);

    this.addSql(`drop table if exists "agenda_item" cascade;`);

    this.addSql(`drop table if exists "private_note" cascade;`);

    this.addSql(`drop table if exists "pledge" cascade;`);

    this.addSql(`drop table if exists "conflict_of_interest" cascade;`);

    this.addSql(`drop table if exists "ballot" cascade;`);

    this.addSql(`drop table if exists "minutes" cascade;`);

    this.addSql(`drop table if exists "decision" cascade;`);

    this.addSql(`drop table if exists "cooperation_convention" cascade;`);

    this.addSql(`drop table if exists "convention_signature" cascade;`);

    this.addSql(`drop table if exists "ballot_participation" cascade;`);

    this.addSql(`drop table if exists "advance" cascade;`);

    this.addSql(`drop table if exists "repayment_instalment" cascade;`);

    this.addSql(`drop table if exists "repayment" cascade;`);

    this.addSql(`drop table if exists "stored_file" cascade;`);

    this.addSql(`drop table if exists "triennial_convention" cascade;`);
  }
}
