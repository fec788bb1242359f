import { aptInstall, findBinary, LauncherError, mayInstallPackages } from './install.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The browser the console's tests drive (playwright-core, never a downloaded browser): Debian's
 * chromium, installed from the distribution's packages when missing, as nats-server is. CHROMIUM_BIN
 * names another.
 */
export function chromiumBinary(): string {
  if (process.env.CHROMIUM_BIN) return process.env.CHROMIUM_BIN;
  const found = findBinary('chromium', CANDIDATES);
  if (found) return found;
  if (!mayInstallPackages()) {
    throw new LauncherError(
      'chromium is missing: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_BIN, and run again.',
    );
  }
  aptInstall(['chromium'], "the console's browser tests");
  const installed = findBinary('chromium', CANDIDATES);
  if (!installed)
    throw new LauncherError('chromium could not be installed: install it with apt-get and run again.');
  return installed;
}
