/** Text files the bundler inlines (esbuild's text loader). */
declare module "*.yaml" {
  const text: string;
  export default text;
}
