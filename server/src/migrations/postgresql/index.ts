import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122190646_initial as M0 } from './Migration20261122190646_initial.js';
import { Migration20261129000000_ballot_box as M1 } from './Migration20261129000000_ballot_box.js';
import { Migration20261129010000_live_version as M2 } from './Migration20261129010000_live_version.js';
import { Migration20261130000000_roles as M3 } from './Migration20261130000000_roles.js';
import { Migration20261130010000_administration as M4 } from './Migration20261130010000_administration.js';
import { Migration20261130020000_preparation as M5 } from './Migration20261130020000_preparation.js';
import { Migration20261130030000_true_record as M6 } from './Migration20261130030000_true_record.js';
import { Migration20261201000000_treasury as M7 } from './Migration20261201000000_treasury.js';
import { Migration20261201010000_audit_trail as M8 } from './Migration20261201010000_audit_trail.js';
import { Migration20261201020000_steering as M9 } from './Migration20261201020000_steering.js';
import { Migration20261201030000_network as M10 } from './Migration20261201030000_network.js';
import { Migration20261202000000_partnership as M11 } from './Migration20261202000000_partnership.js';
import { Migration20261202010000_official as M12 } from './Migration20261202010000_official.js';

/** Applied in this order; `npm run migration:create -w server` appends to this list. */
export const postgresqlMigrations: MigrationObject[] = [
  { name: 'Migration20261122190646_initial', class: M0 },
  { name: 'Migration20261129000000_ballot_box', class: M1 },
  { name: 'Migration20261129010000_live_version', class: M2 },
  { name: 'Migration20261130000000_roles', class: M3 },
  { name: 'Migration20261130010000_administration', class: M4 },
  { name: 'Migration20261130020000_preparation', class: M5 },
  { name: 'Migration20261130030000_true_record', class: M6 },
  { name: 'Migration20261201000000_treasury', class: M7 },
  { name: 'Migration20261201010000_audit_trail', class: M8 },
  { name: 'Migration20261201020000_steering', class: M9 },
  { name: 'Migration20261201030000_network', class: M10 },
  { name: 'Migration20261202000000_partnership', class: M11 },
  { name: 'Migration20261202010000_official', class: M12 },
];
