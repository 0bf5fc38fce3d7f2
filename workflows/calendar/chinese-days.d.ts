// The package's `module` entry is ES syntax in a CommonJS package, which Temporal's workflow bundler
// (webpack) refuses; its UMD build bundles cleanly and has the same API.
declare module 'chinese-days/dist/index.min.js' {
  export { getDayDetail, getSolarDateFromLunar, getSolarTermDate, isWorkday } from 'chinese-days';
}
