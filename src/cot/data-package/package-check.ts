import { invalid } from '../../domain/errors.ts';
import { childElement, childElements, parseXml, XmlError } from '../../io/xml-reader.ts';
import { readZipDirectory, readZipEntry } from './zip-reader.ts';

export const manifestPath = 'MANIFEST/manifest.xml';

/** What a data package's manifest says of it. */
export interface PackageManifest {
  uid: string | null;
  name: string | null;
}

const limits = { maxEntries: 1000, maxTotalSize: 1024 * 1024 * 1024 };
const maxManifestBytes = 1024 * 1024;

/**
 * Checks an uploaded data package before it is kept: a zip whose entry names are plain relative
 * paths (no traversal), within entry-count and inflated-size limits, holding a well-formed
 * `MANIFEST/manifest.xml` whose root is `MissionPackageManifest`. Returns what the manifest says.
 */
export function checkDataPackage(zip: Buffer): PackageManifest {
  const entries = readZipDirectory(zip, limits);
  const entry = entries.find((e) => e.name === manifestPath);
  if (!entry) throw invalid('package', `no ${manifestPath} in the zip: not a TAK data package`);
  if (entry.size > maxManifestBytes) throw invalid('package', `${manifestPath} is larger than 1 MiB`);
  const text = readZipEntry(zip, entry).toString('utf8');
  let root: ReturnType<typeof parseXml>;
  try {
    root = parseXml(text, { maxDepth: 32, maxLength: maxManifestBytes, refuseDoctype: true });
  } catch (e) {
    if (e instanceof XmlError) throw invalid('package', `${manifestPath} is not well-formed XML: ${e.message}`);
    throw e;
  }
  if (root.name !== 'MissionPackageManifest')
    throw invalid('package', `${manifestPath} has root <${root.name}>, expected <MissionPackageManifest>`);
  const params = childElements(childElement(root, 'Configuration') ?? root, 'Parameter');
  const param = (name: string) => params.find((p) => p.attrs.name === name)?.attrs.value ?? null;
  return { uid: param('uid'), name: param('name') };
}
