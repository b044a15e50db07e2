// Browser tests drive Debian's Chromium (no browser is downloaded). Stop early, with the fix, when it is missing.
import fs from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((path) => fs.existsSync(path));
if (!found) {
  process.stderr.write(
    [
      '',
      'The browser tests need Chromium, and none was found.',
      "Install Debian's package:   sudo apt-get update && sudo apt-get install -y chromium",
      'or point CHROMIUM_PATH at a Chromium or Chrome executable, then run `npm test` again.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
