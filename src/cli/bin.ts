#!/usr/bin/env node
import { main } from "./main.js";

// A reader that stops early (`gigawatt ... | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
