import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataRoot } from '../data-root';

/** The shared MultiWOZ folder; suites that need it skip when it is absent. */
export const MULTIWOZ_DIR = join(process.env.TRADEOFF_DATA_DIR ?? defaultDataRoot(), 'multiwoz22');
export const DEV_FILE = join(MULTIWOZ_DIR, 'multiwoz21_convlab_dev.json.gz');
export const DB_DIR = join(MULTIWOZ_DIR, 'db');
export const BOOKED_FILE = join(MULTIWOZ_DIR, 'mwzeval', 'booked_domains_train_dev.json.gz');
export const HAVE_MULTIWOZ = existsSync(DEV_FILE) && existsSync(DB_DIR);
