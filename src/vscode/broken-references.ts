// Broken image references in open documents, in the Problems panel (one DiagnosticCollection), each
// with a quick fix that rewrites the path to the image it most likely meant (renamed in git, else the
// closest name). The engine's reference scan decides; a document edited since its last save keeps only
// the diagnostics whose text is still where the scan found it.
import * as vscode from 'vscode';
import { isReferenceSourcePath } from '../core/references/languages.ts';
import { describe } from './errors.ts';
import type { WorkspaceLenses } from './workspace-lenses.ts';

export const DIAGNOSTIC_SOURCE = 'Asset Lens';
export const BROKEN_REFERENCE_CODE = 'broken-image-reference';

interface Fix {
  range: vscode.Range;
  replacement: string;
  suggestion: string;
}

export class BrokenReferences implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  readonly #lenses: WorkspaceLenses;
  readonly #log: vscode.LogOutputChannel;
  readonly #collection = vscode.languages.createDiagnosticCollection('assetLens');
  readonly #fixes = new Map<string, Fix[]>();
  readonly #disposables: vscode.Disposable[] = [];

  constructor(lenses: WorkspaceLenses, log: vscode.LogOutputChannel) {
    this.#lenses = lenses;
    this.#log = log;
    this.#disposables.push(
      this.#collection,
      vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, { providedCodeActionKinds: BrokenReferences.providedCodeActionKinds }),
      // Opening a document does not open an index (and load the natives); once one is open, it counts.
      vscode.workspace.onDidOpenTextDocument((document) => this.#lenses.isOpen && void this.refresh(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.#forget(document.uri)),
      lenses.onDidWrite(() => void this.refreshAll()),
    );
  }

  /** Every open document's diagnostics, after the index changed. */
  async refreshAll(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.map((document) => this.refresh(document)));
  }

  async refresh(document: vscode.TextDocument): Promise<void> {
    const location = this.#lenses.locate(document.uri);
    if (!location || !isReferenceSourcePath(location.path)) return;
    try {
      const broken = await (await this.#lenses.lens(location.folder)).broken(location.path);
      const diagnostics: vscode.Diagnostic[] = [];
      const fixes: Fix[] = [];
      for (const reference of broken) {
        const start = new vscode.Position(reference.line - 1, reference.column - 1);
        const range = new vscode.Range(start, start.translate(0, reference.reference.length));
        if (document.getText(range) !== reference.reference) continue;
        const hint = reference.suggestion ? ` Did you mean ${reference.suggestion}?` : '';
        const diagnostic = new vscode.Diagnostic(range, `Image not found: ${reference.reference}.${hint}`, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = BROKEN_REFERENCE_CODE;
        diagnostics.push(diagnostic);
        if (reference.replacement && reference.suggestion) fixes.push({ range, replacement: reference.replacement, suggestion: reference.suggestion });
      }
      this.#collection.set(document.uri, diagnostics);
      this.#fixes.set(document.uri.toString(), fixes);
      if (diagnostics.length > 0) this.#log.debug(`${location.path}: ${diagnostics.length} broken image reference(s), ${fixes.length} with a quick fix`);
    } catch (error) {
      this.#log.error(`broken references in ${location.path}: ${describe(error)}`);
    }
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const fixes = (this.#fixes.get(document.uri.toString()) ?? []).filter((fix) => fix.range.intersection(range) !== undefined);
    const diagnostics = this.#collection.get(document.uri) ?? [];
    return fixes.map((fix) => {
      const action = new vscode.CodeAction(`Change to ${fix.replacement} (${fix.suggestion})`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, fix.range, fix.replacement);
      action.diagnostics = diagnostics.filter((diagnostic) => diagnostic.range.isEqual(fix.range));
      action.isPreferred = true;
      return action;
    });
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
    this.#fixes.clear();
  }

  #forget(uri: vscode.Uri): void {
    this.#collection.delete(uri);
    this.#fixes.delete(uri.toString());
  }
}
