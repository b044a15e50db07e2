import { Entity, Enum, Index, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../common/base.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';

/** The operator's two bank accounts for the scheme, kept apart from its other activities. */
export enum TreasuryAccount {
  /** Lends the repayable advances and receives their repayments. */
  ADVANCES_FUND = 'ADVANCES_FUND',
  /** Pays the operator's expenses, within the yearly cap. */
  RUNNING_COSTS = 'RUNNING_COSTS',
}
registerEnumType(TreasuryAccount, { name: 'TreasuryAccount' });

/** What moved money on an account. Disbursements, repayments and losses are read from the advances themselves. */
export enum TreasuryMovementKind {
  /** Money paid into the account. */
  ENDOWMENT = 'ENDOWMENT',
  /** An expense of the operator, paid from the running costs account. */
  EXPENSE = 'EXPENSE',
  /** An advance paid out to an SME (derived from the advance). */
  DISBURSEMENT = 'DISBURSEMENT',
  /** A repayment received from an SME (derived from the repayment). */
  REPAYMENT = 'REPAYMENT',
  /** What remained due on a defaulted advance, written off: no cash moves (derived from the advance). */
  LOSS = 'LOSS',
}
registerEnumType(TreasuryMovementKind, { name: 'TreasuryMovementKind' });

/**
 * A movement recorded by hand on one of the accounts: an endowment (either account) or an expense (running costs).
 * Append-only: nothing edits or deletes it. A movement typed by mistake is cancelled by a reversal, a new movement
 * of the same account and kind that `reverses` it and counts the other way; a movement is reversed once at most.
 */
@ObjectType()
@Entity()
@Index({ properties: ['basin', 'account', 'occurredOn'] })
export class TreasuryMovement extends BaseEntity {
  @ManyToOne(() => Basin, { ref: true })
  basin!: Ref<Basin>;

  @Field(() => TreasuryAccount)
  @Enum({ items: () => TreasuryAccount, type: 'string' })
  account!: TreasuryAccount;

  @Field(() => TreasuryMovementKind)
  @Enum({ items: () => TreasuryMovementKind, type: 'string' })
  kind!: TreasuryMovementKind;

  @Field(() => Int, { description: 'In euros, positive' })
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => String, { description: 'ISO date' })
  @Property({ type: 'date' })
  occurredOn!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  label!: string;

  @ManyToOne(() => Person, { ref: true, nullable: true })
  recordedBy?: Ref<Person> | null;

  /** The movement this one cancels; its label says why. */
  @ManyToOne(() => TreasuryMovement, { ref: true, nullable: true })
  @Unique({ name: 'treasury_movement_reverses_unique' })
  reverses?: Ref<TreasuryMovement> | null;
}

/** What a recorded movement counts for in its kind's total: its amount, or minus it for a reversal. */
export const signedAmount = (m: TreasuryMovement): number => (m.reverses ? -m.amount : m.amount);
