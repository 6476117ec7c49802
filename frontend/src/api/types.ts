import type { components } from './schema';

// Short names for the contract's schemas, so components never restate a payload's shape.
type Schemas = components['schemas'];

export type Me = Schemas['MeRead'];
export type Role = Schemas['Role'];
export type EnumChoice = Schemas['EnumChoice'];
export type IndicatorReport = Schemas['IndicatorReport'];
export type Indicator = Schemas['Indicator'];
export type FallingShort = Schemas['FallingShort'];
export type Dashboard = Schemas['Dashboard'];
export type SatisfactionGroup = Schemas['SatisfactionGroup'];
export type PetitionGroup = Schemas['PetitionGroup'];
export type HeadReceptionMonth = Schemas['HeadReceptionMonth'];
export type DashboardBacklog = Schemas['DashboardBacklog'];
export type PeriodCompleteness = Schemas['PeriodCompleteness'];
export type ImportKind = Schemas['ImportKindRead'];
export type ImportColumn = Schemas['ImportColumnRead'];
export type ImportReport = Schemas['ImportReport'];
export type ImportSummary = Schemas['ImportSummary'];
export type ImportRowError = Schemas['ImportErrorRead'];
export type ImportSummaryPage = Schemas['Page_ImportSummary_'];
