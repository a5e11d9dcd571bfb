import express from "express";

const app = express();
app.disable("x-powered-by");
app.post("/api/actions", express.json({ limit: "4kb" }), (_req, res) => {
  res
    .status(202)
    .json({ status: "queued", actionId: "00000000-0000-0000-0000-000000000000", channelId: "1" });
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(`bare express listening http://127.0.0.1:${port}`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
