import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages export TypeScript source.
  transpilePackages: ['@tradeoff/api', '@tradeoff/db', '@tradeoff/experiments', '@tradeoff/core', '@tradeoff/data'],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
