import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122190646_initial as M0 } from './Migration20261122190646_initial.js';

/** Applied in this order; `npm run migration:create -w server` appends to this list. */
export const postgresqlMigrations: MigrationObject[] = [
  { name: 'Migration20261122190646_initial', class: M0 },
];
