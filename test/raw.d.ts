// Vite's `?raw` imports: a file's text, for tests that compare configuration files with code.
declare module "*?raw" {
  const content: string;
  export default content;
}
