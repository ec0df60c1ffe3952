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
import { constants } from 'node:fs';
import { mkdir, open, realpath } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * Writes a rendered file at a repository-relative path, refusing (and writing nothing) when the
 * path or the real path of any directory on the way leaves the work tree: `..`, absolute
 * paths, `.git`, and symbolic links in the checked-out infrastructure repository that point
 * elsewhere. The file itself is opened without following a link.
 */
export async function writeInsideWorkTree(workTree: string, path: string, content: string): Promise<void> {
  const normalized = normalize(path);
  const parts = normalized.split(sep);
  if (
    path === '' ||
    isAbsolute(normalized) ||
    parts.includes('..') ||
    parts.some(part => part.toLowerCase() === '.git') ||
    normalized === '.'
  ) {
    throw new Error(`Refusing to write outside the repository: ${path}`);
  }
  const root = await realpath(workTree);
  let directory = root;
  for (const part of parts.slice(0, -1)) {
    const next = join(directory, part);
    await mkdir(next).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    // `mkdir` succeeds on nothing new and `EEXIST` also covers a symlink: ask where it really is.
    const real = await realpath(next).catch((error: NodeJS.ErrnoException) => {
      // Only a symbolic link whose target is missing exists for mkdir but not for realpath.
      if (error.code === 'ENOENT') throw new Error(`Refusing to write outside the repository: ${path} (a dangling link)`);
      throw error;
    });
    if (!inside(root, real)) {
      throw new Error(`Refusing to write outside the repository: ${path} (${parts.slice(0, parts.indexOf(part) + 1).join('/')} leads outside)`);
    }
    directory = real;
  }
  const file = await open(
    join(directory, parts[parts.length - 1]),
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o644,
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP') throw new Error(`Refusing to write outside the repository: ${path} is a symbolic link`);
    throw error;
  });
  try {
    await file.writeFile(content);
  } finally {
    await file.close();
  }
}

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
