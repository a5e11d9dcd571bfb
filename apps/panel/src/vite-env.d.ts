interface ImportMetaEnv {
  /** Origin of the EBS, e.g. `https://ebs.example.com`. Defaults to `http://localhost:8081`. */
  readonly VITE_EBS_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
