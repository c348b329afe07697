// Replaced by the build's package version when available; shown on the status page.
export const APP_VERSION = process.env.npm_package_version ?? '0.1.0';
