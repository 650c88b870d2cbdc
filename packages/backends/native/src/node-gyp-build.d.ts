// node-gyp-build ships no types; the two calls used here.
declare module 'node-gyp-build' {
  /** Loads the binary for this platform from `dir`'s build/Release or prebuilds/ folder. */
  function load(dir: string): unknown;
  namespace load {
    /** The file `load` would open; throws "No native build was found …" when there is none. */
    function path(dir: string): string;
  }
  export = load;
}
