import { startViewerPage } from "../viewer-page.tsx";

/** mobile.html: the same action as the panel, laid out for a phone's width and a thumb. */
startViewerPage("mobile");
