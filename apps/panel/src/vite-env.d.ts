interface ImportMetaEnv {
  /** Origin of the EBS, e.g. `https://ebs.example.com`. Defaults to `http://localhost:8081`. */
  readonly VITE_EBS_URL?: string;
  /** True in Vite's dev server (the rig serves the panel with it) and under vitest. */
  readonly DEV: boolean;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
