import type { DataPackage } from '../domain/data-package.ts';
import { type AccessFacts, type Reader, visibility } from './policy.ts';

/**
 * Whether a reader may have a data package: the owner organisation and the audience of its
 * releasability get it whole. A package has no tearline (its content cannot be snapped), so
 * everyone else gets nothing, not even that it exists.
 */
export function seeDataPackage(reader: Reader, p: DataPackage, facts: AccessFacts): DataPackage | null {
  return visibility(reader, { ...p, tearline: null }, facts) === 'record' ? p : null;
}
