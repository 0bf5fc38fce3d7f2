/**
 * Limits of application-material uploads (申请材料). No rule fixes them (docs/rules.md#uploads): they are
 * engineering defaults in line with the provincial 一网通办 portals (files up to 20 MB; PDF, JPG, PNG
 * and OFD, the national standard e-document format GB/T 33190-2016). Deployments override them with
 * MATERIALS_CONFIG (JSON); tests with `overrideMaterialsConfig`.
 */

import { sourcedConfig, type Param } from '../../activities/config/sourced-config';

export type { Param } from '../../activities/config/sourced-config';

export const FILE_KINDS = ['pdf', 'jpg', 'png', 'ofd'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface MaterialsConfig {
  /** Largest accepted file, in bytes. */
  maxFileBytes: Param<number>;
  /** File kinds accepted, checked by their content (magic bytes), not by the name. */
  allowedKinds: Param<FileKind[]>;
  /** Longest file name kept (characters); longer names are refused. */
  maxFileNameLength: Param<number>;
  /** Longest review note (一次性告知 reason), characters. */
  maxReviewNoteLength: Param<number>;
}

export const MATERIALS_DEFAULTS: MaterialsConfig = {
  maxFileBytes: { value: 20 * 1024 * 1024, source: 'engineering default (provincial 一网通办 portals accept files up to 20 MB)' },
  allowedKinds: {
    value: ['pdf', 'jpg', 'png', 'ofd'],
    source: 'engineering default (PDF/JPG/PNG plus OFD, GB/T 33190-2016 电子文件存储与交换格式 版式文档)',
  },
  maxFileNameLength: { value: 200, source: 'engineering default' },
  maxReviewNoteLength: { value: 1000, source: 'engineering default' },
};

const config = sourcedConfig(MATERIALS_DEFAULTS);

/** The values in force: defaults with overrides applied. */
export const materialsConfig = config.values;

/** Sets the deployment's values (MATERIALS_CONFIG, parsed in server/config.ts); called once by the entry point. */
export const configureMaterials = config.configure;

/** Replaces selected values (tests); returns a function restoring the previous ones. */
export const overrideMaterialsConfig = config.override;
