// pnpm hooks for the whole workspace.

/** What only the server side of @tradeoff/api needs; its tarball holds the HTTP client alone. */
const API_SERVER_DEPENDENCIES = ['@tradeoff/db', '@tradeoff/experiments'];

export const hooks = {
  /**
   * `pnpm pack` tarballs are installed outside the workspace, where devDependencies are never
   * installed and workspace-only packages do not exist: both stay out of the packed manifests.
   */
  beforePacking(pkg) {
    delete pkg.devDependencies;
    // core's install script builds its native kernels from sources that are not packed (they are optional).
    if (pkg.name === '@tradeoff/core') delete pkg.scripts?.install;
    if (pkg.name === '@tradeoff/api') for (const name of API_SERVER_DEPENDENCIES) delete pkg.dependencies?.[name];
    return pkg;
  },
};
