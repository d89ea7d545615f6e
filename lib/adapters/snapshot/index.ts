/** The snapshot reader (docs/contracts.md "Snapshot directory"). */
export { loadSnapshot, readSnapshot, type LoadedSnapshot } from './read-snapshot.js';
export { SnapshotAccountSource, type SnapshotAccountSourceOptions } from './snapshot-account-source.js';
export { SNAPSHOT_FILES, type SnapshotFile, type SnapshotFileSpec } from './snapshot-files.js';
