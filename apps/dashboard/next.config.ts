import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages export TypeScript source.
  transpilePackages: ['@tradeoff/api', '@tradeoff/db', '@tradeoff/experiments', '@tradeoff/core', '@tradeoff/data'],
  // Type checking is the turbo `typecheck` task (every package); the build need not repeat it,
  // which keeps `npm start`'s first build short.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
