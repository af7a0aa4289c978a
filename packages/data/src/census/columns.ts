import type { FeatureColumn } from '../table';

/** The 42 fields of a UCI Census-Income (KDD) line, in order (names as in keras-mmoe). */
export const CENSUS_COLUMNS = [
  'age', 'class_worker', 'det_ind_code', 'det_occ_code', 'education', 'wage_per_hour', 'hs_college',
  'marital_stat', 'major_ind_code', 'major_occ_code', 'race', 'hisp_origin', 'sex', 'union_member',
  'unemp_reason', 'full_or_part_emp', 'capital_gains', 'capital_losses', 'stock_dividends',
  'tax_filer_stat', 'region_prev_res', 'state_prev_res', 'det_hh_fam_stat', 'det_hh_summ',
  'instance_weight', 'mig_chg_msa', 'mig_chg_reg', 'mig_move_reg', 'mig_same', 'mig_prev_sunbelt',
  'num_emp', 'fam_under_18', 'country_father', 'country_mother', 'country_self', 'citizenship',
  'own_or_self', 'vet_question', 'vet_benefits', 'weeks_worked', 'year', 'income_50k',
] as const;
export type CensusColumn = (typeof CENSUS_COLUMNS)[number];

/** The MMoE tasks: income over 50K, and marital status "Never married". */
export const CENSUS_TASKS = ['income', 'never_married'] as const;

export const INCOME_LABELS = { '- 50000.': 0, '50000+.': 1 } as const;
export const NEVER_MARRIED = 'Never married';

/** The 7 attributes census-income.names calls continuous; amounts of money get log1p first. */
const NUMERIC: Partial<Record<CensusColumn, FeatureColumn['transform'] | null>> = {
  age: null,
  wage_per_hour: 'log1p',
  capital_gains: 'log1p',
  capital_losses: 'log1p',
  stock_dividends: 'log1p',
  num_emp: null,
  weeks_worked: null,
};

/** Not features: the survey weight and the two label sources. */
const EXCLUDED = new Set<CensusColumn>(['instance_weight', 'income_50k', 'marital_stat']);

export const CENSUS_FEATURES: FeatureColumn[] = CENSUS_COLUMNS.filter((name) => !EXCLUDED.has(name)).map((name) => {
  if (!(name in NUMERIC)) return { name, kind: 'categorical' };
  const transform = NUMERIC[name];
  return transform ? { name, kind: 'numeric', transform } : { name, kind: 'numeric' };
});
