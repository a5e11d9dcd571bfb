import { startViewerPage } from "./viewer-page.tsx";

startViewerPage("panel");
