// The package version, injected by esbuild (esbuild.mjs `define`); tsc-compiled test
// builds see the fallback.
declare const FIC_VERSION: string | undefined;

export const VERSION: string = typeof FIC_VERSION === 'string' ? FIC_VERSION : '0.0.0-dev';
