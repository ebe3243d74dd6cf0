#!/usr/bin/env node
// The command line runs the compiled code (built by `npm ci` through the prepare script).
import '../dist/cli/main.js';
