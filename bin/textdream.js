#!/usr/bin/env node
import { runCli } from "../dist/cli/main.js";
import { removeTemporaryOnSignal } from "../dist/io/cleanup.js";

removeTemporaryOnSignal();
process.exitCode = await runCli(process.argv.slice(2));
