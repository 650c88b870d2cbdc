import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSettled, type ViewState } from './viewState';

/**
 * The last settled state of each open panel, in the extension's storage folder. The webview's
 * own setState is restored too, but the workbench persists it lazily: a window reloaded right
 * after a run finished could bring back a running state. A panel closed by the user is forgotten.
 */
export class PanelStates {
  constructor(private readonly dir: string | undefined) {}

  private file(id: string): string | undefined {
    return this.dir && /^[\w-]+$/.test(id) ? join(this.dir, `${id}.json`) : undefined;
  }

  save(view: ViewState): void {
    const file = view.id ? this.file(view.id) : undefined;
    if (!file || !isSettled(view)) return;
    try {
      mkdirSync(this.dir!, { recursive: true });
      writeFileSync(file, JSON.stringify(view));
    } catch {
      // restoring is a courtesy
    }
  }

  load(id: string | undefined): ViewState | undefined {
    const file = id ? this.file(id) : undefined;
    if (!file || !existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as ViewState;
    } catch {
      return undefined;
    }
  }

  forget(id: string | undefined): void {
    const file = id ? this.file(id) : undefined;
    if (file) rmSync(file, { force: true });
  }
}
