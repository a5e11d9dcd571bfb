/** The rig UI's page: a shell that loads `/rig/ui.css` and `/rig/ui.js` (no inline script or style). */
export function rigPageHtml(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Extension rig</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/rig/ui.css" />
    <script src="/rig/ui.js" defer></script>
  </head>
  <body>
    <div id="rig-app" class="rig-app"><p class="rig-loading">Loading the rig…</p></div>
  </body>
</html>
`;
}
