import type { FeatureColumn, TaskType } from '../table';

/** The 19 integer columns of a KuaiRand standard log, in file order. */
export const LOG_COLUMNS = [
  'user_id', 'video_id', 'date', 'hourmin', 'time_ms', 'is_click', 'is_like', 'is_follow', 'is_comment',
  'is_forward', 'is_hate', 'long_view', 'play_time_ms', 'duration_ms', 'profile_stay_time',
  'comment_stay_time', 'is_profile_enter', 'is_rand', 'tab',
] as const;
export type LogColumn = (typeof LOG_COLUMNS)[number];

/** Objectives by name: the log column each comes from and how it is learned. */
export const KUAIRAND_OBJECTIVES: Record<string, { column: LogColumn; type: TaskType; transform?: 'log1p' }> = {
  click: { column: 'is_click', type: 'binary' },
  long_view: { column: 'long_view', type: 'binary' },
  like: { column: 'is_like', type: 'binary' },
  follow: { column: 'is_follow', type: 'binary' },
  comment: { column: 'is_comment', type: 'binary' },
  forward: { column: 'is_forward', type: 'binary' },
  hate: { column: 'is_hate', type: 'binary' },
  profile_enter: { column: 'is_profile_enter', type: 'binary' },
  // Watch time is heavy-tailed: learned as log1p(play_time_ms) with squared error.
  play_time: { column: 'play_time_ms', type: 'regression', transform: 'log1p' },
};
export const KUAIRAND_TASKS = Object.keys(KUAIRAND_OBJECTIVES);

/** Objectives when a spec names none. */
export const KUAIRAND_DEFAULT_OBJECTIVES = ['click', 'long_view', 'like'] as const;

/** Flags that must be 0 or 1. */
export const BINARY_LOG_COLUMNS = new Set<LogColumn>([
  'is_click', 'is_like', 'is_follow', 'is_comment', 'is_forward', 'is_hate', 'long_view', 'is_profile_enter', 'is_rand',
]);

/** A feature table's columns: its id column and the features taken from it. */
export interface FeatureTableSpec {
  /** What the table describes, for messages. */
  title: string;
  id: 'user_id' | 'video_id';
  features: FeatureColumn[];
}

const onehot = Array.from({ length: 18 }, (_, i) => `onehot_feat${i}`);

/** user_features_pure.csv: everything describes the user, so all of it is state. */
export const USER_TABLE: FeatureTableSpec = {
  title: 'user features',
  id: 'user_id',
  features: [
    ...['user_active_degree', 'is_lowactive_period', 'is_live_streamer', 'is_video_author'].map((name) => ({ name, kind: 'categorical' as const, state: true })),
    ...['follow_user_num_range', 'fans_user_num_range', 'friend_user_num_range', 'register_days_range', ...onehot].map((name) => ({
      name,
      kind: 'categorical' as const,
      state: true,
    })),
    ...['follow_user_num', 'fans_user_num', 'friend_user_num', 'register_days'].map((name) => ({ name, kind: 'numeric' as const, transform: 'log1p' as const, state: true })),
  ],
};

/**
 * video_features_basic_pure.csv. The statistic table is left out on purpose: it aggregates over
 * the whole collection period, held-out days included, so it would leak test feedback.
 */
export const VIDEO_TABLE: FeatureTableSpec = {
  title: 'video features',
  id: 'video_id',
  features: ['author_id', 'video_type', 'upload_dt', 'upload_type', 'visible_status', 'server_width', 'server_height', 'music_type', 'tag'].map((name) => ({
    name,
    kind: 'categorical' as const,
  })),
};

/** Features taken from the log itself: ids, context (tab, hour of day) and the video's length. */
export const LOG_FEATURES: FeatureColumn[] = [
  { name: 'user_id', kind: 'categorical', state: true },
  { name: 'tab', kind: 'categorical', state: true },
  { name: 'hour', kind: 'categorical', state: true },
  { name: 'video_id', kind: 'categorical' },
  { name: 'duration_ms', kind: 'numeric', transform: 'log1p' },
];
