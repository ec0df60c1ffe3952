#!/usr/bin/env node
/*
 * Copyright 2026 The aws-identity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * Sandbox reaper: a tiny detached watchdog started by the sandbox supervisor.
 *
 * Children of the sandbox run in their own process groups (so Ctrl-C in a terminal does not
 * race the orderly shutdown). The cost is that they would outlive a supervisor that dies
 * abruptly (SIGKILL, a crashed Jest worker). This process polls the supervisor's pid and, once
 * it is gone, kills every process group listed in the pids file. It exits quietly when the
 * pids file is removed (the supervisor stopped its children itself).
 *
 * Usage: node reaper.js <supervisorPid> <pidsFile>
 */
'use strict';
const fs = require('node:fs');

const supervisorPid = Number(process.argv[2]);
const pidsFile = process.argv[3];

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function readGroups() {
  try {
    return JSON.parse(fs.readFileSync(pidsFile, 'utf8')).map(p => p.pid);
  } catch {
    return [];
  }
}

function killGroups(signal) {
  for (const pid of readGroups()) {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}

const timer = setInterval(() => {
  if (!fs.existsSync(pidsFile)) {
    clearInterval(timer);
    return;
  }
  if (alive(supervisorPid)) return;
  clearInterval(timer);
  killGroups('SIGTERM');
  setTimeout(() => {
    killGroups('SIGKILL');
    try {
      fs.unlinkSync(pidsFile);
    } catch {
      // ignore
    }
  }, 3000);
}, 500);
